using System.IO.Compression;

namespace GiamNgheo.Packaging;

/// <summary>
/// Builds the Azure Functions deployment zip of the .NET isolated worker app: the publish folder, as it is, at the zip
/// root (<c>host.json</c>, <c>functions.metadata</c>, <c>worker.config.json</c>, <c>extensions.json</c>,
/// <c>.azurefunctions/</c>, the worker assembly and its dependencies), after <see cref="PublishedApp.Read"/> has checked it.
/// </summary>
/// <remarks>
/// The zip is deterministic: entries in ordinal path order, one fixed timestamp, and every entry a regular
/// <c>rw-r--r--</c> file (the host starts the worker with <c>dotnet</c>, so nothing needs an execute bit). The same
/// publish folder gives the same bytes, so a package can be compared with another by hash.
/// </remarks>
public static class DeploymentPackage
{
    /// <summary>Unix mode of every entry: regular file, <c>rw-r--r--</c> (octal 100644), in the upper 16 bits of the external attributes.</summary>
    public const int RegularFileMode = 0x81A4;

    /// <summary>The timestamp every entry gets, so the same inputs give the same bytes.</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Checks the publish folder and writes the deployment zip to <paramref name="outputZip"/> (replacing it).
    /// Nothing is written when a check fails.
    /// </summary>
    /// <param name="publishDir">The <c>dotnet publish</c> output of the function app.</param>
    /// <param name="outputZip">The zip to write; must not be inside <paramref name="publishDir"/>.</param>
    /// <exception cref="DeploymentPackageException">The folder is not a deployable app; the message lists every problem.</exception>
    public static DeploymentPackageResult Build(string publishDir, string outputZip)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publishDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputZip);
        publishDir = Path.GetFullPath(publishDir);
        outputZip = Path.GetFullPath(outputZip);

        var problems = new List<string>();
        if (outputZip.StartsWith(Path.TrimEndingDirectorySeparator(publishDir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problems.Add($"The output zip '{outputZip}' is inside the publish folder; it would package itself.");
        }

        var app = PublishedApp.TryRead(publishDir, problems);
        DeploymentPackageException.ThrowIfAny(problems);

        WriteZip(app!, outputZip);
        return new DeploymentPackageResult(outputZip, new FileInfo(outputZip).Length, app!);
    }

    private static void WriteZip(PublishedApp app, string outputZip)
    {
        var directory = Path.GetDirectoryName(outputZip);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Written beside the target and moved, so a failed run never leaves a half-written package under the real name.
        var temporary = outputZip + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var archive = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var file in app.Files)
                {
                    var entry = archive.CreateEntry(file, CompressionLevel.Optimal);
                    entry.LastWriteTime = EntryTimestamp;
                    entry.ExternalAttributes = RegularFileMode << 16;
                    using var target = entry.Open();
                    using var source = File.OpenRead(Path.Combine(app.Folder, file));
                    source.CopyTo(target);
                }
            }

            File.Move(temporary, outputZip, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
