using GiamNgheo.Functions.Configuration;
using Microsoft.Extensions.Configuration;

namespace GiamNgheo.LocalHost;

/// <summary>Settings that have a development value in the local host only: the function app itself has no default and
/// refuses to start without them, so a deployment can never run on a value published here.</summary>
public static class LocalDevelopmentSettings
{
    /// <summary>The pseudonym key of local runs and tests (base64 of SHA-256 of a fixed phrase): public, so pseudonyms made
    /// with it protect nothing, and the same on every machine so that local exports compare across restarts.</summary>
    public const string PseudonymKey = "6PtXn+1NvbH4XO72ckbhURgDueIY89uIZqo1lCl5xgs=";

    /// <summary>Sets each development value the configuration does not already have (an environment variable wins).</summary>
    public static void ApplyTo(IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[AppSettings.PseudonymKey.ConfigurationKey]))
            configuration[AppSettings.PseudonymKey.ConfigurationKey] = PseudonymKey;
    }
}
