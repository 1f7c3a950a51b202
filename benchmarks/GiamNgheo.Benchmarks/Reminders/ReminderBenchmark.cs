using System.Diagnostics;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using GiamNgheo.Notifications;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Testing;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Review;
using MimeKit;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary><c>reminders</c>: a province's year of reminders on Azurite under a virtual clock, its transactions, baseline and Durable cost.</summary>
internal static class ReminderBenchmark
{
    private const int Seed = 2025;

    /// <summary>Sweeps of the outbox a year: the <c>sweep-outbox</c> timer runs every 5 minutes.</summary>
    private const int SweepsPerYear = 12 * 24 * 365;

    /// <summary>ASSUMED list prices in USD per 10,000 transactions (Standard general-purpose v2, LRS, hot tier), not checked
    /// on this machine (no network): blob writes 0.05, blob reads 0.004, queue operations 0.004, table transactions 0.00036.
    /// Check https://azure.microsoft.com/pricing/details/storage/ for the region before relying on them.</summary>
    private static readonly (double BlobWrite, double BlobRead, double Queue, double Table) Price = (0.05, 0.004, 0.004, 0.00036);

    public static async Task<bool> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var year = ProvinceYear.Create(AdminUnitCatalog.Default, Seed);
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var azurite = await AzuriteServer.StartAsync();
        var world = await ReminderWorld.CreateAsync(azurite.ConnectionString, smtp.Configuration.Port, ProvinceYear.Start);
        var simulation = new YearSimulation(world, year);
        Console.WriteLine($"Playing {year.ProvinceName}'s reminder year {ProvinceYear.Year} on Azurite ({year.Actions.Count:N0} actions)…");
        await simulation.PublishPlansAsync();
        await simulation.RunAsync();

        world.Counter.Phase = Phases.After;
        var sources = year.Plans.Select(p => new ScheduleRef(ScheduleRef.PlanKind, p.Id).ToString())
            .Append(new ScheduleRef(ScheduleRef.ReviewKind, ReviewSettings.IdOf(ProvinceYear.Year, ProvinceYear.ProvinceCode)).ToString()).ToList();
        var messages = new List<OutboxEntry>();
        foreach (var source in sources)
            messages.AddRange(await world.Outbox.ListAsync(source, default));
        var mails = smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        var checks = YearChecks.Run(world, year, simulation, messages, mails);
        var (_, sweep) = await world.Counter.Measure(() => world.Delivery.WakeStalledAsync(TimeSpan.FromMinutes(5), default));

        Console.WriteLine("Baseline: the same rows into Azurite, the same mails through MailKit…");
        var rows = new List<TableEntity>();
        await foreach (var row in world.Notifications.Outbox.QueryAsync<TableEntity>())
            rows.Add(row);
        smtp.ClearReceivedEmail();
        var insert = await Baselines.InsertRowsAsync(new TableServiceClient(azurite.ConnectionString), rows, simulation.Rounds);

        // The probe counts requests and mostly waits (idle windows, timers); the SMTP baseline is bound by the server's
        // per-session latency. Running them side by side keeps the run short without moving either figure.
        Console.WriteLine("Durable task hub cost in the local host (own Azurite, counting proxy), alongside the SMTP baseline…");
        var probe = DurableProbe.RunAsync(Console.WriteLine);
        var send = await Baselines.SendMailsAsync(smtp.Configuration.Port, mails, simulation.Deliveries);
        var durable = await probe;

        new Report(year, world, simulation, messages, checks, sweep, insert, send, durable).Print();
        Console.WriteLine($"Whole run: {total.Elapsed.TotalSeconds:0} s.");
        return checks.All(c => c.Passed);
    }

    /// <summary>The tables of one run.</summary>
    private sealed record Report(
        ProvinceYear Year, ReminderWorld World, YearSimulation Simulation, List<OutboxEntry> Messages, List<Check> Checks,
        Usage Sweep, TimeSpan Insert, TimeSpan Send, DurableCosts Durable)
    {
        private static readonly string[] Kinds = ["nhac-truoc", "den-han", "qua-han", "tong-hop-tre-han"];

        private StorageCounter Counter => World.Counter;

        public void Print()
        {
            PrintScenario();
            PrintRounds();
            PrintMessages();
            PrintPhases();
            PrintBaseline();
            PrintDurable();
            PrintCost();
            Console.WriteLine();
            foreach (var check in Checks)
                Console.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }

        private void PrintScenario()
        {
            var reports = Year.Actions.OfType<PlanReportAction>().Count();
            var steps = Year.Actions.OfType<ReviewStepAction>().Count();
            var surveys = Year.Actions.OfType<SurveyScoredAction>().Count();
            Console.WriteLine();
            Console.WriteLine($"{Year.ProvinceName} ({ProvinceYear.ProvinceCode}), {ProvinceYear.Year}: {Year.Communes.Count} communes; " +
                string.Join(", ", Year.Plans.Select(p => $"plan {p.Id} ({p.Reporters.Count} reporters, {p.Periods.Count} periods)")) +
                $"; review ra-soat-{ProvinceYear.Year}-{ProvinceYear.ProvinceCode} ({ReviewSteps.WithMilestone.Count} milestones, {Year.Communes.Count} communes with a contact)");
            Console.WriteLine($"Virtual year {ProvinceYear.Start:yyyy-MM-dd} → {ProvinceYear.End:yyyy-MM-dd}: {Simulation.Instants:N0} instants; " +
                $"{reports} reports, {surveys} scored surveys, {steps} review steps (seed {Seed}).");
        }

        private void PrintRounds()
        {
            Console.WriteLine();
            Console.WriteLine("| rounds | count | of which new instances | messages enqueued | storage requests | requests per round (mean / max) | KB read per round (mean) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var trigger in Enum.GetValues<RoundTrigger>())
                RoundRow($"trigger: {Describe(trigger)}", Simulation.Rounds.Where(r => r.Trigger == trigger).ToList());
            foreach (var group in Simulation.Rounds.GroupBy(DeadlineKind).OrderBy(g => g.Key, StringComparer.Ordinal))
                RoundRow($"deadline: {group.Key}", [.. group]);
            RoundRow("all", Simulation.Rounds);
            var empty = Simulation.Rounds.Where(r => r.Enqueued == 0).ToList();
            RoundRow("rounds that enqueued nothing", empty);
            Console.WriteLine($"Timer chunks that fired mid-wait (3-day splitting, no round): {Simulation.TimerChunks:N0}.");
        }

        private static string Describe(RoundTrigger trigger) => trigger switch
        {
            RoundTrigger.Start => "publication / review start",
            RoundTrigger.Timer => "timer at the planned point",
            RoundTrigger.Wake => "wake by a report or step",
            _ => "daily reconciliation",
        };

        private static string DeadlineKind(RoundRecord round) => round.Deadline.Schedule.Kind == ScheduleRef.PlanKind
            ? "plan periods"
            : $"review {round.Deadline.PeriodId}";

        private static void RoundRow(string name, List<RoundRecord> rounds)
        {
            if (rounds.Count == 0)
                return;
            Console.WriteLine($"| {name} | {rounds.Count:N0} | {rounds.Count(r => r.NewInstance):N0} | {rounds.Sum(r => r.Enqueued):N0} | " +
                $"{rounds.Sum(r => r.Usage.Requests):N0} | {rounds.Average(r => r.Usage.Requests):N1} / {rounds.Max(r => r.Usage.Requests):N0} | " +
                $"{rounds.Average(r => r.Usage.ReceivedBytes) / 1024:N1} |");
        }

        private void PrintMessages()
        {
            Console.WriteLine();
            Console.WriteLine($"| messages | {string.Join(" | ", Kinds)} | all |");
            Console.WriteLine($"|---|{string.Concat(Kinds.Select(_ => "---:|"))}---:|");
            foreach (var source in Messages.GroupBy(m => m.Source))
                Console.WriteLine($"| {source.Key} | {string.Join(" | ", Kinds.Select(k => source.Count(m => m.Kind == k).ToString("N0")))} | {source.Count():N0} |");
            Console.WriteLine($"| all | {string.Join(" | ", Kinds.Select(k => Messages.Count(m => m.Kind == k).ToString("N0")))} | {Messages.Count:N0} |");
            var outcomes = string.Join(", ", Simulation.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value:N0}"));
            Console.WriteLine($"Deliveries: {Simulation.Deliveries.Sum(d => d.Messages):N0} queue messages in {Simulation.Deliveries.Count:N0} drains ({outcomes}).");
        }

        private void PrintPhases()
        {
            Console.WriteLine();
            Console.WriteLine("| phase | wall s | blob (reads/writes) | table | queue | requests | KB sent | KB received |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var phase in Phases.All)
                PhaseRow(phase, [phase]);
            PhaseRow("year = reconcile + rounds + delivery", [Phases.Reconcile, Phases.Rounds, Phases.Delivery]);
            var year = Requests(Phases.Reconcile, Phases.Rounds, Phases.Delivery);
            Console.WriteLine($"Per message: {Requests(Phases.Reconcile, Phases.Rounds) / (double)Messages.Count:N1} to schedule (rounds and reconciliation), " +
                $"{Requests(Phases.Delivery) / (double)Messages.Count:N1} to deliver, {year / (double)Messages.Count:N1} in all.");
            Console.WriteLine($"One outbox sweep at year end: {Sweep.Requests} requests ({Sweep[StorageService.Table].ReceivedBytes / 1024.0:N0} KB read); " +
                $"{SweepsPerYear:N0} sweeps a year → {Sweep.Requests * (long)SweepsPerYear:N0} requests.");
        }

        private void PhaseRow(string name, string[] phases)
        {
            var wall = phases.Sum(p => Simulation.Wall.GetValueOrDefault(p).TotalSeconds);
            var blob = phases.Select(p => Counter.Of(p, StorageService.Blob)).ToList();
            var tallies = phases.SelectMany(p => Enum.GetValues<StorageService>().Select(s => Counter.Of(p, s))).ToList();
            Console.WriteLine($"| {name} | {wall:N1} | {blob.Sum(b => b.Reads):N0} / {blob.Sum(b => b.Writes):N0} | " +
                $"{phases.Sum(p => Counter.Of(p, StorageService.Table).Requests):N0} | {phases.Sum(p => Counter.Of(p, StorageService.Queue).Requests):N0} | " +
                $"{tallies.Sum(t => t.Requests):N0} | {tallies.Sum(t => t.SentBytes) / 1024.0:N0} | {tallies.Sum(t => t.ReceivedBytes) / 1024.0:N0} |");
        }

        private long Requests(params string[] phases) => phases.Sum(Counter.Requests);

        private void PrintBaseline()
        {
            var rounds = Simulation.Wall.GetValueOrDefault(Phases.Rounds) + Simulation.Wall.GetValueOrDefault(Phases.Reconcile);
            var delivery = Simulation.Wall.GetValueOrDefault(Phases.Delivery);
            Console.WriteLine();
            Console.WriteLine("| work | year, s | baseline (same run) | baseline, s | ratio |");
            Console.WriteLine("|---|---:|---|---:|---:|");
            Console.WriteLine($"| scheduling: reconciliation + rounds | {rounds.TotalSeconds:N1} | {Messages.Count:N0} outbox-row inserts, same grouping | {Insert.TotalSeconds:N1} | {rounds / Insert:N2}× |");
            Console.WriteLine($"| delivery | {delivery.TotalSeconds:N1} | {Messages.Count:N0} MailKit sends to netDumbster, same batches | {Send.TotalSeconds:N1} | {delivery / Send:N2}× |");
            Console.WriteLine($"| year | {(rounds + delivery).TotalSeconds:N1} | both | {(Insert + Send).TotalSeconds:N1} | {(rounds + delivery) / (Insert + Send):N2}× |");
        }

        private void PrintDurable()
        {
            var d = Durable;
            Console.WriteLine();
            Console.WriteLine("Durable task hub (local host sidecar, Azure Storage provider, counting proxy; empty polls, leases and partition-table requests apart):");
            Console.WriteLine($"  idle: per minute {d.IdlePolls / d.IdleMinutes:N0} empty polls, {d.IdleLeases / d.IdleMinutes:N0} lease, {d.IdlePartitions / d.IdleMinutes:N0} partition-table, {d.IdleOther / d.IdleMinutes:N0} other requests");
            Console.WriteLine($"  start (client + first generation): {d.Start.Requests}; timer generation: {d.Timer.Requests}; " +
                $"wake by a report (client + generation): {string.Join(", ", d.Wakes.Select(w => w.Requests))} (mean {d.Wake:N1}); last wake (instance completes): {d.LastWake.Requests}; " +
                $"timer chunk: {d.Chunk:N1} ({d.Episodes} observed); reconciliation of a deadline whose instance exists: {d.Reconcile.Requests}");
            Console.WriteLine($"  one wake, per operation: {Operations(d.Wakes[0])}");
            Console.WriteLine($"  timer generation, per operation: {Operations(d.Timer)}");
            Console.WriteLine($"  {d.Episodes} timer chunks, per operation: {Operations(d.Chunks)}");
            var (starts, wakes, timers) = Generations();
            Console.WriteLine($"  the year: {starts:N0} starts × {d.Start.Requests} + {wakes:N0} wakes × {d.Wake:N1} + {timers:N0} timer generations × {d.Timer.Requests} " +
                $"+ {Simulation.TimerChunks:N0} chunks × {d.Chunk:N1} + {Simulation.ReconcileChecks:N0} reconciliation look-ups × {d.Reconcile.Requests} = {DurableYear():N0} requests");
        }

        private static string Operations(HubWindow window) =>
            string.Join(", ", window.Operations.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));

        private (int Starts, int Wakes, int Timers) Generations() => (
            Simulation.Rounds.Count(r => r.NewInstance),
            Simulation.Rounds.Count(r => !r.NewInstance && r.Trigger is RoundTrigger.Wake or RoundTrigger.Reconcile),
            Simulation.Rounds.Count(r => r.Trigger == RoundTrigger.Timer));

        private double DurableYear()
        {
            var (starts, wakes, timers) = Generations();
            return (starts * Durable.Start.Requests) + (wakes * Durable.Wake) + (timers * Durable.Timer.Requests) + (Simulation.TimerChunks * Durable.Chunk)
                + (Simulation.ReconcileChecks * Durable.Reconcile.Requests);
        }

        private void PrintCost()
        {
            string[] year = [Phases.Reconcile, Phases.Rounds, Phases.Delivery];
            double Cost(IEnumerable<string> phases) => phases.Sum(p =>
                (Counter.Of(p, StorageService.Blob).Writes * Price.BlobWrite) + (Counter.Of(p, StorageService.Blob).Reads * Price.BlobRead)
                + (Counter.Of(p, StorageService.Queue).Requests * Price.Queue) + (Counter.Of(p, StorageService.Table).Requests * Price.Table)) / 10_000;
            // The task hub's requests are mostly queue messages and table rows; priced as queue operations, the dearer of the two.
            var durable = DurableYear() * Price.Queue / 10_000;
            var idlePerHour = (Durable.IdlePolls + Durable.IdleLeases + Durable.IdlePartitions) / Durable.IdleMinutes * 60;
            var sweeps = Sweep.Requests * (double)SweepsPerYear * Price.Table / 10_000;
            Console.WriteLine();
            Console.WriteLine("Cost at ASSUMED list prices (USD per 10,000: blob write 0.05, blob read 0.004, queue 0.004, table 0.00036):");
            Console.WriteLine($"  the year's app transactions {Cost(year):N4}; actions {Cost([Phases.Actions]):N4}; setup {Cost([Phases.Setup]):N4}; " +
                $"Durable generations {durable:N4}; outbox sweeps {sweeps:N4}");
            Console.WriteLine($"  task hub polling while a host runs: {idlePerHour:N0} requests an hour = {idlePerHour * Price.Queue / 10_000:N4} an hour, {idlePerHour * 24 * 365 * Price.Queue / 10_000:N2} a year if never scaled in");
        }
    }
}
