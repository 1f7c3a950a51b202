namespace GiamNgheo.LocalHost;

/// <summary>How the local host runs.</summary>
public sealed record LocalHostOptions
{
    /// <summary>Port of the API when none is given.</summary>
    public const int DefaultPort = 7071;

    /// <summary>Port on 127.0.0.1; 0 lets the OS choose.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Connection string of the storage account (Azurite).</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>How often the blob and queue listeners poll when idle.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The function app's host.json (copied next to the local host's binaries by the build).</summary>
    public string HostJsonPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "host.json");

    /// <summary>The key file of the development token issuer (<c>giamngheo token</c> signs with the same file).</summary>
    public string DevelopmentKeyFile { get; init; } = GiamNgheo.Access.Tokens.DevelopmentTokens.DefaultKeyFile;

    /// <summary>The people the web app's local sign-in offers (<c>GET /dev/sign-in</c>); none unless given.</summary>
    public IReadOnlyList<DemoIdentity> DemoIdentities { get; init; } = [];

    /// <summary>Reads <c>--port N</c>, <c>--poll-interval-ms N</c>, <c>--dev-token-key FILE</c> and <c>--demo-identities FILE</c>; the connection string comes from <c>AzureWebJobsStorage</c>.</summary>
    public static LocalHostOptions FromCommandLine(string[] args, Func<string, string?> environment)
    {
        var connection = environment("AzureWebJobsStorage");
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException("Set AzureWebJobsStorage to the storage connection string (./run.sh starts Azurite and sets it).");
        var options = new LocalHostOptions { StorageConnectionString = connection };
        if (Value(args, "--port") is { } port)
            options = options with { Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) };
        if (Value(args, "--poll-interval-ms") is { } poll)
            options = options with { PollInterval = TimeSpan.FromMilliseconds(int.Parse(poll, System.Globalization.CultureInfo.InvariantCulture)) };
        if (Value(args, "--dev-token-key") is { } keyFile)
            options = options with { DevelopmentKeyFile = keyFile };
        if (Value(args, "--demo-identities") is { } identities)
            options = options with { DemoIdentities = DemoIdentity.Load(identities) };
        return options;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
