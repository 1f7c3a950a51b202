namespace GiamNgheo.Functions.LocalHost;

/// <summary>Settings of the development-only trigger runner that stands in for the Functions host on a developer machine.</summary>
public sealed class LocalHostOptions
{
    /// <summary>Folder holding host.json (the repository root, or an unpacked deployment package).</summary>
    public required string AppRoot { get; init; }

    /// <summary>How often blob trigger containers are listed; default one second.</summary>
    public TimeSpan BlobPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an empty trigger queue is left alone before the next receive; default one second.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Base address of the handler, e.g. <c>http://127.0.0.1:7071/</c>. When <see langword="null"/>, the first http address
    /// the in-process server listens on is used once the application has started.
    /// </summary>
    public Uri? HandlerBaseAddress { get; init; }
}
