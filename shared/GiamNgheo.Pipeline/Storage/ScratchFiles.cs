namespace GiamNgheo.Pipeline.Storage;

/// <summary>Where the pipeline spools large files (uploads, downloads, workbooks): one folder under the temporary directory.</summary>
/// <remarks>A process killed mid-work leaves its spool files behind (80 MB in the hosting benchmark's crash run); keeping
/// them in one folder lets the next start remove what is old enough to belong to no running work.</remarks>
public static class ScratchFiles
{
    /// <summary>The folder of the pipeline's spool files.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "giamngheo");

    /// <summary>A new, unused path for a spool file (the folder is created if needed).</summary>
    public static string NewPath(string prefix)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, prefix + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Deletes spool files last written before <paramref name="olderThan"/> ago; files in use elsewhere are skipped.</summary>
    /// <returns>How many files were deleted.</returns>
    public static int DeleteStale(TimeSpan olderThan, TimeProvider clock)
    {
        if (!Directory.Exists(Folder))
            return 0;
        var cutoff = clock.GetUtcNow().UtcDateTime - olderThan;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            try
            {
                if (file.LastWriteTimeUtc >= cutoff)
                    continue;
                file.Delete();
                deleted++;
            }
            catch (IOException)
            {
                // Still open by another process on this machine (tests run several hosts): its owner deletes it.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete.
            }
        }

        return deleted;
    }
}
