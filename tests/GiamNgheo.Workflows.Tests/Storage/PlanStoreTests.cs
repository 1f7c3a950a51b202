using GiamNgheo.Workflows.Plans;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Workflows.Tests.Storage;

public sealed class PlanStoreTests(WorkflowsOnAzurite azurite) : IClassFixture<WorkflowsOnAzurite>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 1, 5, 2, 0, 0, TimeSpan.Zero));

    private PlanStore Store => new(azurite.Storage, _clock);

    [Fact]
    public async Task A_created_plan_is_a_draft_of_version_one_and_reads_back_equal()
    {
        var plan = WorkflowsOnAzurite.Plan();

        var created = await Store.CreateAsync(plan, default);
        var read = await Store.FindAsync(plan.Id, default);

        Assert.Null(created.Refusal);
        Assert.NotNull(read);
        Assert.False(read.IsPublished);
        Assert.Equal(1, read.Version);
        Assert.Equal(plan.Reporters, read.Plan.Reporters);
        Assert.Equal(plan.Periods, read.Plan.Periods);
        Assert.Equal(plan.Reminders.DaysBefore, read.Plan.Reminders.DaysBefore);
        Assert.Equal(plan.Reminders.TimeOfDay, read.Plan.Reminders.TimeOfDay);
    }

    [Fact]
    public async Task Creating_a_plan_id_twice_is_refused_and_keeps_the_first()
    {
        var plan = WorkflowsOnAzurite.Plan();
        await Store.CreateAsync(plan, default);

        var second = await Store.CreateAsync(plan with { Title = "Khác" }, default);

        Assert.Equal(PlanChangeRefusal.AlreadyExists, second.Refusal);
        Assert.Equal(plan.Title, (await Store.FindAsync(plan.Id, default))!.Plan.Title);
    }

    [Fact]
    public async Task Replacing_a_published_plan_keeps_it_published_adds_a_version_and_returns_the_previous_content()
    {
        var plan = WorkflowsOnAzurite.Plan();
        await Store.CreateAsync(plan, default);
        await Store.PublishAsync(plan.Id, default);
        _clock.Advance(TimeSpan.FromDays(1));

        var moved = plan with { Periods = [plan.Periods[0] with { Due = new DateOnly(2024, 6, 20) }, plan.Periods[1]] };
        var change = await Store.ReplaceAsync(moved, default);

        Assert.Null(change.Refusal);
        Assert.Equal(2, change.Plan!.Version);
        Assert.True(change.Plan.IsPublished);
        Assert.Equal(new DateOnly(2024, 6, 10), change.Previous!.Plan.Periods[0].Due);
        Assert.Equal(new DateOnly(2024, 6, 20), (await Store.FindAsync(plan.Id, default))!.Plan.Periods[0].Due);
    }

    [Fact]
    public async Task A_plan_cannot_move_to_another_unit_or_year()
    {
        var plan = WorkflowsOnAzurite.Plan();
        await Store.CreateAsync(plan, default);

        Assert.Equal(PlanChangeRefusal.IdentityChanged, (await Store.ReplaceAsync(plan with { UnitCode = "02" }, default)).Refusal);
        Assert.Equal(PlanChangeRefusal.IdentityChanged, (await Store.ReplaceAsync(plan with { Year = 2025 }, default)).Refusal);
        Assert.Equal(PlanChangeRefusal.NotFound, (await Store.ReplaceAsync(WorkflowsOnAzurite.Plan(), default)).Refusal);
    }

    [Fact]
    public async Task Two_edits_racing_from_the_same_version_do_not_both_win()
    {
        var plan = WorkflowsOnAzurite.Plan();
        await Store.CreateAsync(plan, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Store.ReplaceAsync(plan with { Title = $"Sửa {i}" }, default)));
        var stored = await Store.FindAsync(plan.Id, default);

        var winners = results.Where(r => r.Refusal is null).ToList();
        Assert.NotEmpty(winners);
        Assert.All(results.Where(r => r.Refusal is not null), r => Assert.Equal(PlanChangeRefusal.Concurrent, r.Refusal));
        Assert.Equal(1 + winners.Count, stored!.Version);
        Assert.Contains(winners, w => w.Plan!.Plan.Title == stored.Plan.Title && w.Plan.Version == stored.Version);
    }

    [Fact]
    public async Task Plans_are_listed_by_unit_and_year()
    {
        var plan = WorkflowsOnAzurite.Plan() with { UnitCode = "35", Year = 2025 };
        await Store.CreateAsync(plan, default);

        var listed = await Store.ListAsync("35", 2025, default);

        Assert.Contains(listed, p => p.Id == plan.Id && p.PublishedAt is null);
        Assert.Empty(await Store.ListAsync("35", 2026, default));
    }
}
