using System.Text.Json;
using System.Text.Json.Nodes;
using GiamNgheo.Notifications;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Reporting;

namespace GiamNgheo.Functions.Http;

/// <summary>A plan as the API answers it: the plan's own JSON plus its version and state.</summary>
internal static class PlanView
{
    public static JsonObject From(StoredPlan stored)
    {
        var json = JsonSerializer.SerializeToNode(stored.Plan, PlanDocument.SerializerOptions)!.AsObject();
        json["version"] = stored.Version;
        json["status"] = stored.IsPublished ? "da-cong-bo" : "nhap";
        json["publishedAt"] = stored.PublishedAt;
        json["updatedAt"] = stored.UpdatedAt;
        return json;
    }
}

/// <summary>A plan in a list.</summary>
internal sealed record PlanListingView(string Id, string Title, int Year, string UnitCode, int Version, string Status, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt)
{
    public static PlanListingView From(PlanListing p) => new(p.Id, p.Title, p.Year, p.UnitCode, p.Version, p.PublishedAt is null ? "nhap" : "da-cong-bo", p.PublishedAt, p.UpdatedAt);
}

/// <summary>One message of a plan as the reminders listing shows it.</summary>
internal sealed record ReminderView(
    string Key, string? PeriodId, string? ReporterId, string Role, string? Kind, int? Days, string Channel, string Recipient, string Status,
    DateTimeOffset DueAt, DateTimeOffset? SentAt, int Attempts, string? LastError)
{
    public static ReminderView From(OutboxEntry m) => new(
        m.Key,
        m.Labels.GetValueOrDefault(ReminderRounds.PeriodLabel),
        m.Labels.GetValueOrDefault(ReminderRounds.RecipientLabel),
        m.Labels.GetValueOrDefault(ReminderRounds.RoleLabel) ?? "bao-cao",
        m.Kind,
        int.TryParse(m.Labels.GetValueOrDefault(ReminderRounds.DaysLabel), System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : null,
        m.Channel.ToCode(),
        m.Recipient.Address,
        m.Status.ToCode(),
        m.DueAt,
        m.SentAt,
        m.Attempts,
        m.LastError);
}

/// <summary>A period as its supervisor follows it: each reporter's status and reminders, and the rates.</summary>
internal sealed record PeriodView(string PlanId, string PeriodId, string Label, DateOnly Due, PeriodRate Rate, IReadOnlyList<PeriodReporterView> Reporters, IReadOnlyList<ReminderView> SupervisorMessages)
{
    public static PeriodView From(ReportingPlan plan, PlanPeriod period, IReadOnlyDictionary<string, PeriodReport> received, ILookup<string?, OutboxEntry> messages)
    {
        var reporters = plan.Reporters.Select(r =>
        {
            var report = received.GetValueOrDefault(r.Id);
            return new PeriodReporterView(
                r.Id, r.Name, r.ActiveOn(period.Due), ReportingStatus.Of(period, report).Code(), report?.ReceivedAt,
                report is null ? null : report.Channel == ReportChannel.File ? "tep" : "xac-nhan",
                [.. messages[r.Id].OrderBy(m => m.DueAt).Select(ReminderView.From)]);
        }).ToList();
        var rate = ReportingStatus.Rates(plan with { Periods = [period] }, [.. received.Values]).Single();
        return new PeriodView(plan.Id, period.Id, period.Label, period.Due, rate, reporters, [.. messages[plan.Supervisor.Id].OrderBy(m => m.DueAt).Select(ReminderView.From)]);
    }
}

/// <summary>A reporter within a period.</summary>
internal sealed record PeriodReporterView(string Id, string Name, bool Expected, string Status, DateTimeOffset? SubmittedAt, string? Channel, IReadOnlyList<ReminderView> Reminders);
