using System.Globalization;

namespace GiamNgheo.LocalHost;

/// <summary>The host.json settings the local host honours the way the Functions host does: one file configures both.</summary>
public sealed record HostSettings
{
    /// <summary>The HTTP route prefix (<c>extensions.http.routePrefix</c>).</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>The longest an invocation may run (<c>functionTimeout</c>).</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Deliveries before a queue message or blob is poisoned (<c>extensions.queues.maxDequeueCount</c>).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Delay before a failed message is visible again (<c>extensions.queues.visibilityTimeout</c>).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Messages processed at once per queue (<c>extensions.queues.batchSize</c>).</summary>
    public int QueueBatchSize { get; init; } = 16;

    /// <summary>True when queue bodies are base64 (<c>extensions.queues.messageEncoding</c>).</summary>
    public bool QueueMessagesBase64 { get; init; } = true;

    /// <summary>Blobs processed at once per blob trigger (<c>extensions.blobs.maxDegreeOfParallelism</c>).</summary>
    public int BlobParallelism { get; init; } = 8 * Environment.ProcessorCount;

    /// <summary>The Durable task hub (<c>extensions.durableTask.hubName</c>).</summary>
    public string TaskHubName { get; init; } = "TestHubName";

    /// <summary>Control queues of the task hub (<c>extensions.durableTask.storageProvider.partitionCount</c>).</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>Longest idle wait between polls of the task hub queues (<c>…storageProvider.maxQueuePollingInterval</c>).</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dequeued orchestration or activity message stays invisible unless its lock is renewed: after a crash,
    /// the work held by the dead process comes back after this long (<c>…storageProvider.controlQueueVisibilityTimeout</c>,
    /// <c>workItemQueueVisibilityTimeout</c>; the provider's default is 5 minutes).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The same for activity messages.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Activities run at once (<c>extensions.durableTask.maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivities { get; init; } = 10;

    /// <summary>Orchestrations run at once (<c>extensions.durableTask.maxConcurrentOrchestratorFunctions</c>).</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 10;

    /// <summary>Reads host.json (keys case-insensitive, as the host binds it); missing keys keep the host's defaults.</summary>
    public static HostSettings Load(string hostJsonPath)
    {
        var json = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(hostJsonPath), optional: false).Build();
        var defaults = new HostSettings();
        return new HostSettings
        {
            RoutePrefix = json["extensions:http:routePrefix"] ?? defaults.RoutePrefix,
            // "-1" is the host's way of saying "no limit".
            FunctionTimeout = json["functionTimeout"] is "-1" ? Timeout.InfiniteTimeSpan : Duration(json["functionTimeout"]) ?? defaults.FunctionTimeout,
            MaxDequeueCount = Number(json["extensions:queues:maxDequeueCount"]) ?? defaults.MaxDequeueCount,
            VisibilityTimeout = Duration(json["extensions:queues:visibilityTimeout"]) ?? defaults.VisibilityTimeout,
            QueueBatchSize = Number(json["extensions:queues:batchSize"]) ?? defaults.QueueBatchSize,
            QueueMessagesBase64 = !string.Equals(json["extensions:queues:messageEncoding"], "none", StringComparison.OrdinalIgnoreCase),
            BlobParallelism = Number(json["extensions:blobs:maxDegreeOfParallelism"]) ?? defaults.BlobParallelism,
            TaskHubName = json["extensions:durableTask:hubName"] ?? defaults.TaskHubName,
            PartitionCount = Number(json["extensions:durableTask:storageProvider:partitionCount"]) ?? defaults.PartitionCount,
            MaxQueuePollingInterval = Duration(json["extensions:durableTask:storageProvider:maxQueuePollingInterval"]) ?? defaults.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = Duration(json["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"]) ?? defaults.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = Duration(json["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"]) ?? defaults.WorkItemQueueVisibilityTimeout,
            MaxConcurrentActivities = Number(json["extensions:durableTask:maxConcurrentActivityFunctions"]) ?? defaults.MaxConcurrentActivities,
            MaxConcurrentOrchestrations = Number(json["extensions:durableTask:maxConcurrentOrchestratorFunctions"]) ?? defaults.MaxConcurrentOrchestrations,
        };
    }

    private static TimeSpan? Duration(string? text) =>
        text is null ? null : TimeSpan.Parse(text, CultureInfo.InvariantCulture);

    private static int? Number(string? text) =>
        text is null ? null : int.Parse(text, CultureInfo.InvariantCulture);
}
