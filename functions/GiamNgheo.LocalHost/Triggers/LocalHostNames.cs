namespace GiamNgheo.LocalHost.Triggers;

/// <summary>Storage names the Functions host uses for its own bookkeeping, reproduced so local state looks like the host's.</summary>
internal static class LocalHostNames
{
    /// <summary>Host id in receipt and timer-status paths; in Azure it is derived from the app name.</summary>
    public const string HostId = "local";

    /// <summary>Container of blob receipts and timer schedule status.</summary>
    public const string HostsContainer = "azure-webjobs-hosts";

    /// <summary>Queue that receives a message for every blob that failed <c>maxDequeueCount</c> times.</summary>
    public const string BlobPoisonQueue = "webjobs-blobtrigger-poison";

    /// <summary>Version reported in <c>X-Azure-Functions-HostVersion</c>.</summary>
    public const string HostVersion = "4.0.0-local";

    /// <summary>The host's function id, <c>{host}.Functions.{name}</c> in receipts and poison messages.</summary>
    public static string FunctionId(string functionName) => $"Host.Functions.{functionName}";

    /// <summary>Poison queue of a trigger queue, as the host names it.</summary>
    public static string PoisonQueue(string queueName) => $"{queueName}-poison";
}
