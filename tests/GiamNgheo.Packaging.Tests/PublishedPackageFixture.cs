using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using GiamNgheo.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GiamNgheo.Packaging.Tests;

/// <summary>
/// <c>./package.sh</c> run once, for real, into a temporary folder: the publish folder, the zip and what the script printed.
/// ReadyToRun is off here (the same files, precompiled or not; ~0.5 min instead of ~2.3 min).
/// </summary>
public sealed class PublishedPackageFixture : IDisposable
{
    private readonly TempFolder _temp = new("giamngheo-package-");

    public PublishedPackageFixture(IMessageSink diagnostics)
    {
        Root = RepositoryRoot.Find();
        var environment = new Dictionary<string, string?>
        {
            ["ARTIFACTS_DIR"] = _temp.Root,
            ["PUBLISH_READY_TO_RUN"] = "false",
        };

        // dotnet test hands its MSBuild settings down to the test host; a nested dotnet publish must find its own.
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = null;
            }
        }

        var watch = Stopwatch.StartNew();
        var (exitCode, output) = ExternalTool.Run("bash", [Path.Combine(Root, "package.sh")], TimeSpan.FromMinutes(10), Root, environment);
        Elapsed = watch.Elapsed;
        ScriptOutput = output;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"package.sh failed with exit code {exitCode}:{Environment.NewLine}{output}");
        }

        diagnostics.OnMessage(new DiagnosticMessage($"package.sh took {Elapsed.TotalSeconds:F0} s:{Environment.NewLine}{output}"));
        PublishDir = _temp.Path("publish", "functions");
        ZipPath = _temp.Path("giamngheo-functions.zip");
        App = PublishedApp.Read(PublishDir);
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>How long package.sh took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>What package.sh printed (stdout and stderr).</summary>
    public string ScriptOutput { get; }

    /// <summary>The publish folder package.sh packed.</summary>
    public string PublishDir { get; }

    /// <summary>The zip package.sh wrote.</summary>
    public string ZipPath { get; }

    /// <summary>The publish folder as the packager reads it.</summary>
    public PublishedApp App { get; }

    /// <summary>A parsed JSON file of the publish folder.</summary>
    public JsonDocument Json(string relativePath) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(PublishDir, relativePath)), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });

    /// <summary>Every binding of every function in functions.metadata.</summary>
    public IReadOnlyList<(string Function, JsonElement Binding)> Bindings()
    {
        using var metadata = Json(PublishedApp.FunctionsMetadata);
        return metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (f.GetProperty("name").GetString()!, b.Clone())))
            .ToList();
    }

    /// <summary>Opens the zip package.sh wrote.</summary>
    public ZipArchive OpenZip() => ZipFile.OpenRead(ZipPath);

    /// <summary>A path in a temporary folder that lives as long as the fixture.</summary>
    public string TempPath(params string[] parts) => _temp.Path(parts);

    public void Dispose() => _temp.Dispose();
}

/// <summary>The test classes that share one run of package.sh.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedPackageGroup : ICollectionFixture<PublishedPackageFixture>
{
    public const string Name = "published package";
}
