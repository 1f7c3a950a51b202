using Microsoft.Extensions.Logging;

namespace GiamNgheo.LocalHost.Triggers;

/// <summary>Logs a storage outage once when it starts and once when it ends, instead of on every poll.</summary>
/// <param name="logger">Runner logger.</param>
/// <param name="functionName">Function whose listener polls.</param>
internal sealed class StorageOutageLog(ILogger logger, string functionName)
{
    private bool _failing;

    /// <summary>Records a failed poll.</summary>
    public void Failed(Exception exception)
    {
        if (_failing)
            return;

        _failing = true;
        logger.StorageUnreachable(exception, functionName, exception.Message);
    }

    /// <summary>Records a successful poll.</summary>
    public void Succeeded()
    {
        if (!_failing)
            return;

        _failing = false;
        logger.StorageReachable(functionName);
    }
}
