using System.Globalization;
using System.Net;
using System.Text;
using GiamNgheo.Functions;
using GiamNgheo.LocalHost;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Testing;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>Task hub requests of one measured window (empty polls, leases and partition-table requests excluded).</summary>
/// <param name="Requests">Dequeues that found messages plus every other task hub request.</param>
/// <param name="Operations">The same, per operation (service, method, hub resource).</param>
internal sealed record HubWindow(long Requests, IReadOnlyDictionary<string, long> Operations);

/// <summary>What the Durable Task Azure Storage provider cost in the local host's sidecar, measured through a counting proxy.</summary>
/// <param name="IdleMinutes">Length of the idle window.</param>
/// <param name="IdlePolls">Empty polls of the task hub queues in that window.</param>
/// <param name="IdleLeases">Blob lease requests in that window.</param>
/// <param name="IdlePartitions">Partition table requests in that window.</param>
/// <param name="IdleOther">Any other task hub request in that window (expected none).</param>
/// <param name="Start">Publishing: the client's start of the instance and its first generation.</param>
/// <param name="Timer">One generation ended by its timer.</param>
/// <param name="Wakes">Generations ended by a report's wake (client calls included), the instance waiting again after each.</param>
/// <param name="LastWake">The wake after which the round finds everyone reported and the instance completes.</param>
/// <param name="Reconcile">The daily reconciliation of one watched deadline whose instance exists (it only looks it up).</param>
/// <param name="Chunks">A window in which the only task hub work was timer chunks firing.</param>
/// <param name="Episodes">Chunk episodes in that window (control-queue dequeues that found a message).</param>
internal sealed record DurableCosts(
    double IdleMinutes, long IdlePolls, long IdleLeases, long IdlePartitions, long IdleOther,
    HubWindow Start, HubWindow Timer, IReadOnlyList<HubWindow> Wakes, HubWindow LastWake, HubWindow Reconcile, HubWindow Chunks, long Episodes)
{
    public double Wake => Wakes.Average(w => w.Requests);

    /// <summary>One timer chunk that fires before its generation ends.</summary>
    public double Chunk => Episodes == 0 ? double.NaN : (double)Chunks.Requests / Episodes;
}

/// <summary>Measures what each kind of <c>ReminderOrchestration</c> generation costs the task hub, in the local host behind a counting proxy.</summary>
/// <remarks><para>The local host's Durable sidecar runs the Azure Storage provider, as Durable Functions does in Azure, here on an
/// Azurite of its own. Measured: a start, a timer generation, a wake by a report, the last wake, a timer chunk, and the idle
/// polling between them.</para>
/// <para>The app's clock is real time shifted so that the plan's first point falls 10 seconds after the publication: durable
/// timers are real time and wait what the round planned on the app's clock. Timer chunks are measured in a second host whose
/// worker splits timers every 2 seconds instead of every 3 days (<c>DurableTaskWorkerOptions.MaximumTimerInterval</c>): a
/// chunk's episode is the same whatever its length.</para></remarks>
internal static class DurableProbe
{
    private const string PlanId = "nhac-thu";
    private const string PeriodId = "6-thang";
    private static readonly DateOnly Due = new(2025, 6, 11);
    private static readonly ReminderPolicy Policy = new([3, 1], [1], new TimeOnly(8, 0));
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ChunkInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ChunkWindow = TimeSpan.FromSeconds(12);
    private static readonly string[] Reporters = ["so-y-te", "so-gd-dt", "so-tai-chinh", "so-xay-dung", "so-noi-vu"];

    public static async Task<DurableCosts> RunAsync(Action<string> progress)
    {
        var hub = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")).TaskHubName;
        var planner = new ReminderPlanner(WorkflowServices.WorkingDays(WorkingDayCalendar.Default), ReminderPlannerOptions.Default);
        var firstPoint = planner.Points(Due, Policy)[0].At;
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var azurite = await AzuriteServer.StartAsync();
        await using var proxy = await StorageProxy.StartAsync(azurite, hub);
        // Before the first point while idle; moved on to 10 s before it just before publishing (no instance exists then).
        var clock = new ShiftedClock(firstPoint - TimeSpan.FromMinutes(2));

        var host = await StartHostAsync(proxy, smtp.Configuration.Port, clock, chunks: null);
        HubWindow start, timer, lastWake, reconcile;
        var wakes = new List<HubWindow>();
        long idlePolls, idleLeases, idlePartitions, idleOther;
        try
        {
            using var client = TestTokens.Shared.Client(host.BaseAddress);
            progress("  Durable probe: idle task hub");
            await Task.Delay(Settle);
            var before = proxy.Snapshot();
            await Task.Delay(IdleWindow);
            var idle = Delta(before, proxy.Snapshot());
            idlePolls = Sum(idle, HubRequest.EmptyPoll);
            idleLeases = Sum(idle, HubRequest.Lease);
            idlePartitions = Sum(idle, HubRequest.Partitions);
            idleOther = Sum(idle, HubRequest.Dequeue) + Sum(idle, HubRequest.Work);

            progress("  Durable probe: publish (start + first generation), then the timer generation");
            await PostAsync(client, "/api/plans", PlanJson(PlanId));
            clock.Set(firstPoint - TimeSpan.FromSeconds(10));
            start = await WindowAsync(proxy, () => PostAsync(client, $"/api/plans/{PlanId}/publish", null));
            var untilPoint = firstPoint - clock.GetUtcNow();
            timer = await WindowAsync(proxy, () => Task.Delay(untilPoint > TimeSpan.Zero ? untilPoint : TimeSpan.Zero));

            progress("  Durable probe: a report wakes the workflow, five times (each logs the sidecar's \"already exists\": ReminderScheduler tries a start, then raises the event)");
            foreach (var reporter in Reporters.SkipLast(1))
                wakes.Add(await WindowAsync(proxy, () => PostAsync(client, $"/api/plans/{PlanId}/periods/{PeriodId}/reports/{reporter}/received", null)));
            lastWake = await WindowAsync(proxy, () => PostAsync(client, $"/api/plans/{PlanId}/periods/{PeriodId}/reports/{Reporters[^1]}/received", null));

            progress("  Durable probe: the daily reconciliation (the plan's one deadline, its instance completed)");
            var reconciler = host.App.Services.GetRequiredService<ReminderReconciler>();
            var durable = host.App.Services.GetRequiredService<DurableTaskClient>();
            reconcile = await WindowAsync(proxy, () => reconciler.ReconcileAsync(durable, default));
        }
        finally
        {
            await host.StopAsync(abort: false);
        }

        progress("  Durable probe: timer chunks (a host splitting timers every 2 s)");
        host = await StartHostAsync(proxy, smtp.Configuration.Port, clock, ChunkInterval);
        try
        {
            using var client = TestTokens.Shared.Client(host.BaseAddress);
            await PostAsync(client, "/api/plans", PlanJson(PlanId + "-hai"));
            await PostAsync(client, $"/api/plans/{PlanId}-hai/publish", null);
            await Task.Delay(Settle);
            var before = proxy.Snapshot();
            await Task.Delay(ChunkWindow);
            var window = Delta(before, proxy.Snapshot());
            var episodes = window.Where(w => w.Key.Kind == HubRequest.Dequeue && w.Key.Operation.Contains("control", StringComparison.Ordinal)).Sum(w => w.Value);
            return new DurableCosts(IdleWindow.TotalMinutes, idlePolls, idleLeases, idlePartitions, idleOther, start, timer, wakes, lastWake, reconcile, Work(window), episodes);
        }
        finally
        {
            await host.StopAsync(abort: false);
        }
    }

    private static Task<LocalFunctionHost> StartHostAsync(StorageProxy proxy, int smtpPort, TimeProvider clock, TimeSpan? chunks) =>
        LocalFunctionHost.StartAsync(
            new LocalHostOptions { Port = 0, StorageConnectionString = proxy.ConnectionString, DevelopmentKeyFile = TestTokens.Shared.KeyFile },
            builder =>
            {
                builder.Configuration["Smtp:Host"] = "127.0.0.1";
                builder.Configuration["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
                builder.Configuration["Smtp:Security"] = "None";
                builder.Configuration["Smtp:SenderAddress"] = "giamngheo@hanoi.example";
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddSingleton(clock);
                if (chunks is { } interval)
                    builder.Services.Configure<DurableTaskWorkerOptions>(o => o.MaximumTimerInterval = interval);
            });

    /// <summary>Task hub work from the start of <paramref name="action"/> until the hub has been quiet for 3 seconds.</summary>
    private static async Task<HubWindow> WindowAsync(StorageProxy proxy, Func<Task> action)
    {
        var before = proxy.Snapshot();
        var since = StorageProxy.Now();
        await action();
        await proxy.WaitForHubWorkThenQuietAsync(since, Quiet, Timeout);
        return Work(Delta(before, proxy.Snapshot()));
    }

    private static HubWindow Work(Dictionary<(HubRequest Kind, string Operation), long> delta)
    {
        var operations = delta.Where(d => d.Key.Kind is HubRequest.Dequeue or HubRequest.Work)
            .GroupBy(d => d.Key.Operation).ToDictionary(g => g.Key, g => g.Sum(d => d.Value));
        return new HubWindow(operations.Values.Sum(), operations);
    }

    private static Dictionary<(HubRequest Kind, string Operation), long> Delta(
        IReadOnlyDictionary<(HubRequest Kind, string Operation), long> before, IReadOnlyDictionary<(HubRequest Kind, string Operation), long> after) =>
        after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Count > 0).ToDictionary(d => d.Key, d => d.Count);

    private static long Sum(Dictionary<(HubRequest Kind, string Operation), long> counts, HubRequest kind) =>
        counts.Where(c => c.Key.Kind == kind).Sum(c => c.Value);

    private static async Task PostAsync(HttpClient client, string path, string? json)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string PlanJson(string id) => System.Text.Json.JsonSerializer.Serialize(new
    {
        id,
        title = "Kế hoạch đo chi phí Durable",
        year = 2025,
        unitCode = "01",
        supervisor = new { id = "so-nn-mt", name = "Sở Nông nghiệp và Môi trường", email = "so-nn-mt@hanoi.example" },
        reporters = Reporters.Select(r => new { id = r, name = r, email = $"{r}@hanoi.example" }),
        periods = new[] { new { id = PeriodId, label = "6 tháng đầu năm", due = Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } },
        reminders = new { daysBefore = Policy.DaysBefore, escalateDaysAfter = Policy.EscalateDaysAfter, timeOfDay = "08:00" },
    });

    /// <summary>Real time moved by an offset, so durable timers (real time) and the app's clock advance together.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private TimeSpan _offset = start - DateTimeOffset.UtcNow;

        /// <summary>Moves the clock so that it reads <paramref name="now"/> now.</summary>
        public void Set(DateTimeOffset now) => _offset = now - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
    }
}
