using System.Globalization;
using System.Threading.RateLimiting;
using GiamNgheo.Access.Callers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GiamNgheo.Functions.Http.Security;

/// <summary>How often one person may start the expensive requests: uploads (scored in full) and export requests (a build each).</summary>
/// <param name="Uploads">Uploads per person per window.</param>
/// <param name="Exports">Export requests per person per window (following a build's status is free).</param>
/// <param name="Window">The fixed window.</param>
public sealed record RateLimitOptions(int Uploads, int Exports, TimeSpan Window)
{
    /// <summary>60 uploads and 30 export requests per 10 minutes: a province officer uploading for its communes one every 10 s is
    /// served; a script looping on the endpoint is not.</summary>
    public static RateLimitOptions Default { get; } = new(60, 30, TimeSpan.FromMinutes(10));
}

/// <summary>Which limited request it is.</summary>
public enum LimitedRequest
{
    /// <summary>A survey upload.</summary>
    Upload,

    /// <summary>A province export request.</summary>
    Export,
}

/// <summary>Per-person rate limits on uploads and exports; 429 with <c>Retry-After</c> beyond them.</summary>
/// <remarks>Counted in the memory of each instance (ADR 0009): with N instances a person gets at most N times the limit, which
/// still stops a runaway client; a storage-backed counter would cost a write per request.</remarks>
public sealed class RequestRateLimits(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<(LimitedRequest Kind, string Caller)> _limiter = PartitionedRateLimiter.Create<(LimitedRequest Kind, string Caller), (LimitedRequest, string)>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Item1 == LimitedRequest.Upload ? options.Uploads : options.Exports,
            Window = options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the caller is within the limit (one permit is used), else the 429 to answer.</summary>
    public IResult? TryAcquire(Caller caller, LimitedRequest kind)
    {
        using var lease = _limiter.AttemptAcquire((kind, caller.Id));
        if (lease.IsAcquired)
            return null;
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Window;
        var what = kind == LimitedRequest.Upload ? "tải lên" : "yêu cầu trích xuất";
        var limit = kind == LimitedRequest.Upload ? options.Uploads : options.Exports;
        return new HeaderResult(
            Problems.Create("qua-nhieu-yeu-cau", StatusCodes.Status429TooManyRequests, "Quá nhiều yêu cầu",
                $"Mỗi người được {limit} lần {what} trong {options.Window.TotalMinutes:0} phút; hãy thử lại sau {Math.Ceiling(retry.TotalSeconds):0} giây."),
            HeaderNames.RetryAfter,
            Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
