namespace GiamNgheo.LocalHost.Triggers;

/// <summary>Delivers one function's trigger events until stopped.</summary>
internal interface ITriggerListener
{
    /// <summary>Runs until <paramref name="ct"/> is cancelled; storage outages are logged and retried, never thrown.</summary>
    /// <param name="ct">Stops the listener and aborts deliveries in flight (they are delivered again after a restart).</param>
    Task RunAsync(CancellationToken ct);
}
