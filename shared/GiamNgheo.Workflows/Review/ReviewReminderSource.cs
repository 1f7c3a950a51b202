using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Reminders;

namespace GiamNgheo.Workflows.Review;

/// <summary>The milestones of a province's review as reminder deadlines: one period per milestone step, communes with a contact as the expected ones.</summary>
/// <remarks>Schedule id <c>ra-soat-{year}-{province}</c>. A commune has completed a period when it has done that step
/// (the survey: its first scored upload; the decision: a decision in force, so a reopened commune is reminded again).
/// Read fresh from storage at every call, so a restarted review (new milestones, contacts) is seen at once. Like a
/// plan's periods, a milestone stops needing a workflow a few weeks after it is due, so past years wake nothing.</remarks>
public sealed class ReviewReminderSource(ReviewService reviews, AdminUnitCatalog units, TimeProvider clock) : IReminderSubjectSource
{
    /// <summary>Days a milestone is watched after its last escalation: the planner's 7 days of lateness and a 14-day holiday shift (as for plans).</summary>

    /// <inheritdoc />
    public string Kind => ScheduleRef.ReviewKind;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> PeriodIdsAsync(string scheduleId, CancellationToken cancellationToken) =>
        await SettingsAsync(scheduleId, cancellationToken).ConfigureAwait(false) is { } settings ? Watched(settings) : [];

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ActiveScheduleIdsAsync(CancellationToken cancellationToken) =>
        [.. (await reviews.StartedAsync(cancellationToken).ConfigureAwait(false)).Where(s => Watched(s).Count > 0).Select(s => s.Id)];

    /// <inheritdoc />
    public async Task<ReminderSubject?> FindAsync(string scheduleId, string periodId, CancellationToken cancellationToken)
    {
        if (await SettingsAsync(scheduleId, cancellationToken).ConfigureAwait(false) is not { } settings || !settings.Milestones.TryGetValue(periodId, out var due))
            return null;
        var year = ReviewYear.Of(settings.Year);
        var provinceName = units.FindProvince(settings.ProvinceCode, year.ReferenceDate)?.Name ?? settings.ProvinceCode;
        var expected = settings.Contacts
            .Where(c => settings.Communes.Contains(c.CommuneCode))
            .Select(c => new ReminderRecipient(c.CommuneCode, c.Name ?? reviews.CommuneName(year, c.CommuneCode), c.Email, c.Webhook))
            .ToList();

        var states = await reviews.CommuneStatesAsync(settings, cancellationToken).ConfigureAwait(false);
        var facts = periodId == ReviewSteps.Survey
            ? await reviews.FactsAsync(settings.Year, expected.Select(e => e.Id), cancellationToken).ConfigureAwait(false)
            : null;
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var recipient in expected)
        {
            var done = states[recipient.Id].Completed(facts?[recipient.Id].Survey);
            if (done.TryGetValue(periodId, out var at))
                completed[recipient.Id] = at;
        }

        var supervisor = settings.Supervisor is { } s
            ? new ReminderRecipient(s.Id, s.Name, s.Email, s.Webhook)
            : new ReminderRecipient("tinh", provinceName, null, null);
        return new ReminderSubject(
            new ScheduleRef(Kind, scheduleId),
            $"Rà soát hộ nghèo, hộ cận nghèo năm {settings.Year} – {provinceName}",
            periodId,
            ReviewSteps.Label(periodId),
            due,
            settings.Reminders,
            supervisor,
            expected,
            completed);
    }

    /// <summary>The milestones still watched today, in step order.</summary>
    private List<string> Watched(ReviewSettings settings)
    {
        var today = VietnamTime.DateOf(clock.GetUtcNow());
        return [.. ReviewSteps.WithMilestone.Where(s => settings.Milestones.TryGetValue(s, out var due) && settings.Reminders.MayRemind(due, today))];
    }

    private async Task<ReviewSettings?> SettingsAsync(string scheduleId, CancellationToken cancellationToken) =>
        ReviewSettings.TryParseId(scheduleId, out var year, out var province) && ReviewYear.TryCreate(year, out _)
            ? await reviews.SettingsAsync(year, province, cancellationToken).ConfigureAwait(false)
            : null;
}
