using GiamNgheo.Pipeline.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions;

/// <summary>At start, removes the spool files a killed process left behind (older than an hour, so no running work's).</summary>
public sealed partial class ScratchFileCleanup(TimeProvider clock, ILogger<ScratchFileCleanup> logger) : IHostedService
{
    /// <summary>Age past which a spool file belongs to no running work: a province-scale scoring or build takes minutes.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var deleted = ScratchFiles.DeleteStale(StaleAfter, clock);
        if (deleted > 0)
            Deleted(logger, deleted, ScratchFiles.Folder);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} spool files left in {Folder} by an earlier process")]
    private static partial void Deleted(ILogger logger, int count, string folder);
}
