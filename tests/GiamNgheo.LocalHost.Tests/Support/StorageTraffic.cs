using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>One storage request a listener made, with the status it got.</summary>
public sealed record StorageRequest(string Method, Uri Uri, int Status)
{
    public string? Query(string name) => System.Web.HttpUtility.ParseQueryString(Uri.Query)[name];

    /// <summary>A blob container listing: one full scan of a blob listener.</summary>
    public bool IsBlobListing => Method == "GET" && Query("comp") == "list" && Query("restype") == "container";

    /// <summary>A look for the receipt of <paramref name="container"/>/<paramref name="blob"/>: a scan considering to deliver it.</summary>
    public bool IsReceiptLookup(string container, string blob) =>
        Method == "HEAD" && Uri.AbsolutePath.Contains("/azure-webjobs-hosts/blobreceipts/", StringComparison.Ordinal)
        && Uri.AbsolutePath.EndsWith($"/{container}/{blob}", StringComparison.Ordinal);

    /// <summary>A queue message update (lease renewal or visibility change after a failure).</summary>
    public bool IsMessageUpdate(string queue) =>
        Method == "PUT" && Query("popreceipt") is not null && Uri.AbsolutePath.Contains($"/{queue}/messages/", StringComparison.Ordinal);

    /// <summary>A receive of messages (not a peek) on <paramref name="queue"/>.</summary>
    public bool IsReceive(string queue) =>
        Method == "GET" && Query("peekonly") is null && Uri.AbsolutePath.EndsWith($"/{queue}/messages", StringComparison.Ordinal);
}

/// <summary>
/// Sees every request of the storage clients a listener was given, so a test can tell what the listener asked storage for
/// (the visibility a failed message got, a lease renewal) and count full scans instead of sleeping and hoping.
/// </summary>
public sealed class StorageTraffic : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<StorageRequest> _requests = new();

    public IReadOnlyList<StorageRequest> Requests => [.. _requests];

    public override void OnReceivedResponse(HttpMessage message) =>
        _requests.Enqueue(new StorageRequest(message.Request.Method.ToString(), message.Request.Uri.ToUri(), message.Response.Status));

    /// <summary>Waits until <paramref name="count"/> more requests matching <paramref name="match"/> completed than when called.</summary>
    public async Task WaitForMoreAsync(Func<StorageRequest, bool> match, int count, string what)
    {
        var before = Requests.Count(match);
        await Eventually.TrueAsync(() => Task.FromResult(Requests.Count(match) >= before + count), what);
    }
}
