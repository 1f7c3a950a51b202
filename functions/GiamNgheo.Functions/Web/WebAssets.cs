using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace GiamNgheo.Functions.Web;

/// <summary>The web app's files (wwwroot), read once into memory with their Brotli and gzip forms and a content hash, so
/// that a phone on a slow connection downloads each file compressed and only when it changed (ETag).</summary>
public sealed class WebAssets
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly FrozenDictionary<string, WebAsset> _assets;

    private WebAssets(FrozenDictionary<string, WebAsset> assets) => _assets = assets;

    /// <summary>The folder of the web app beside the app's assembly (the package and the local host carry it the same way).</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Every file under <paramref name="root"/>, keyed by its path with forward slashes; none when the folder is missing.</summary>
    public static WebAssets Load(string root)
    {
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        if (Directory.Exists(root))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var path = Path.GetRelativePath(root, file).Replace('\\', '/');
                var content = File.ReadAllBytes(file);
                var type = ContentTypes.TryGetContentType(file, out var known) ? known : "application/octet-stream";
                if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json" or "image/svg+xml")
                    type += "; charset=utf-8";
                assets[path] = new WebAsset(path, type, content, Compress(content, s => new BrotliStream(s, CompressionLevel.SmallestSize)),
                    Compress(content, s => new GZipStream(s, CompressionLevel.SmallestSize)), "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..20] + "\"");
            }
        }

        return new WebAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The files, for tests and for the page weight the docs report.</summary>
    public IReadOnlyCollection<WebAsset> All => _assets.Values;

    /// <summary>The file at a request path: the path itself, or index.html for the root; null for anything else (no guessing,
    /// so a mistyped API path never gets the app's page).</summary>
    public WebAsset? Find(string? path)
    {
        var key = string.IsNullOrEmpty(path) || path == "/" ? "index.html" : path.TrimStart('/');
        return _assets.GetValueOrDefault(key);
    }

    private static byte[] Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
            stream.Write(content);
        return output.ToArray();
    }
}

/// <summary>One file of the web app with its compressed forms and entity tag.</summary>
/// <param name="Path">Path under wwwroot with forward slashes.</param>
/// <param name="ContentType">Media type, with charset for text.</param>
/// <param name="Content">The bytes as stored.</param>
/// <param name="Brotli">The bytes Brotli-compressed.</param>
/// <param name="Gzip">The bytes gzip-compressed.</param>
/// <param name="ETag">A strong entity tag from the content's hash.</param>
public sealed record WebAsset(string Path, string ContentType, byte[] Content, byte[] Brotli, byte[] Gzip, string ETag);
