using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Functions;
using GiamNgheo.Notifications;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Reporting;
using GiamNgheo.Workflows.Review;
using GiamNgheo.Workflows.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>The app's reminder and delivery classes, wired as the Functions app wires them, over counting clients and a virtual clock.</summary>
internal sealed class ReminderWorld
{
    private ReminderWorld(FakeTimeProvider clock, StorageCounter counter, PipelineStorage storage, NotificationStorage notifications, SmtpOptions smtp)
    {
        Clock = clock;
        Counter = counter;
        Storage = storage;
        Notifications = notifications;
        Workflows = new WorkflowStorage(storage.Blobs, storage.Tables);
        Outbox = new Outbox(notifications, clock);
        Plans = new PlanStore(Workflows, clock);
        Reports = new PeriodReportStore(Workflows, clock);
        Submissions = new SubmissionStore(storage);
        Reviews = new ReviewService(new ReviewStore(storage), Submissions, new AuditLog(storage, AdminUnitCatalog.Default, clock), AdminUnitCatalog.Default,
            new ReviewRules(WorkingDayCalendar.Default), ReviewDefaults.Default, clock);
        Sources = [new PlanReminderSource(Plans, Reports, clock), new ReviewReminderSource(Reviews, AdminUnitCatalog.Default, clock)];
        var planner = new ReminderPlanner(WorkflowServices.WorkingDays(WorkingDayCalendar.Default), ReminderPlannerOptions.Default);
        Rounds = new ReminderRounds(Sources, planner, Outbox, clock);
        Planner = planner;
        Delivery = new MessageDelivery(Outbox, notifications, [new EmailChannel(smtp, clock)], DeliveryOptions.Default, clock);
    }

    public FakeTimeProvider Clock { get; }

    public StorageCounter Counter { get; }

    public PipelineStorage Storage { get; }

    public NotificationStorage Notifications { get; }

    public WorkflowStorage Workflows { get; }

    public Outbox Outbox { get; }

    public PlanStore Plans { get; }

    public PeriodReportStore Reports { get; }

    public SubmissionStore Submissions { get; }

    public ReviewService Reviews { get; }

    public IReadOnlyList<IReminderSubjectSource> Sources { get; }

    public ReminderPlanner Planner { get; }

    public ReminderRounds Rounds { get; }

    public MessageDelivery Delivery { get; }

    /// <summary>Wires everything over <paramref name="connectionString"/> and creates the containers, tables and queues.</summary>
    public static async Task<ReminderWorld> CreateAsync(string connectionString, int smtpPort, DateTimeOffset start)
    {
        var counter = new StorageCounter();
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter.Policy(StorageService.Blob), HttpPipelinePosition.PerRetry);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter.Policy(StorageService.Table), HttpPipelinePosition.PerRetry);
        // Base64, as the app's clients (StorageClients.Create): the Functions host reads queue triggers that way.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(counter.Policy(StorageService.Queue), HttpPipelinePosition.PerRetry);
        var storage = new PipelineStorage(
            new BlobServiceClient(connectionString, blobOptions),
            new TableServiceClient(connectionString, tableOptions),
            new QueueServiceClient(connectionString, queueOptions));
        var notifications = new NotificationStorage(storage.Blobs, storage.Tables, storage.Queues);
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, Security = SmtpSecurity.None, SenderAddress = "giamngheo@hanoi.example" };
        var world = new ReminderWorld(new FakeTimeProvider(start), counter, storage, notifications, smtp);
        await storage.EnsureCreatedAsync();
        await notifications.EnsureCreatedAsync();
        await world.Workflows.EnsureCreatedAsync();
        return world;
    }
}
