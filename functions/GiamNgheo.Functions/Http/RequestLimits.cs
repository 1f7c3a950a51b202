using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GiamNgheo.Functions.Http;

/// <summary>How the web server of either host treats request bodies: the worker's Kestrel in Azure and the local host's.</summary>
/// <remarks>The largest body is set per request by the upload function (<c>SurveyLimits.MaxFileBytes</c> plus multipart
/// framing); a body over it is answered 413, one slower than the rate below 408 (<see cref="Problems.ForRefusedRequest"/>).</remarks>
public static class RequestLimits
{
    /// <summary>A body must arrive at 1 KiB/s on average, judged after its first 20 seconds; slower, it is refused with 408.</summary>
    /// <remarks>
    /// Kestrel's default is 240 bytes/s after 5 s. A commune on a poor mobile connection (EDGE or congested 3G in the
    /// mountains moves 4–20 KB/s) stays far above 1 KiB/s on average, but its radio may stall for several seconds when the
    /// upload starts, which the default's 5 s would punish, hence 20 s. The rate is an average over the time the function
    /// waits for data, so a stall later in a long upload is absorbed by what already arrived. A body below 1 KiB/s after
    /// 20 s is a dead connection or a deliberate trickle that would hold a worker for the function timeout.
    /// </remarks>
    public static MinDataRate MinRequestBodyDataRate { get; } = new(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(20));

    /// <summary>Applies these limits to a Kestrel server.</summary>
    public static void Apply(KestrelServerOptions kestrel) => kestrel.Limits.MinRequestBodyDataRate = MinRequestBodyDataRate;
}
