using GiamNgheo.Pipeline.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Pipeline.Tests;

public sealed class ScratchFilesTests
{
    [Fact]
    public void Spool_files_older_than_the_limit_are_deleted_and_newer_ones_kept()
    {
        var old = ScratchFiles.NewPath("test-old-");
        var recent = ScratchFiles.NewPath("test-recent-");
        File.WriteAllText(old, "x");
        File.WriteAllText(recent, "x");
        var now = DateTimeOffset.UtcNow;
        File.SetLastWriteTimeUtc(old, now.UtcDateTime.AddHours(-2));
        File.SetLastWriteTimeUtc(recent, now.UtcDateTime.AddMinutes(-59));
        try
        {
            ScratchFiles.DeleteStale(TimeSpan.FromHours(1), new FakeTimeProvider(now));

            Assert.False(File.Exists(old));
            Assert.True(File.Exists(recent));
            Assert.StartsWith(ScratchFiles.Folder, recent, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(old);
            File.Delete(recent);
        }
    }
}
