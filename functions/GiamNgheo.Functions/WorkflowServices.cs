using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Reporting;
using GiamNgheo.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GiamNgheo.Functions;

/// <summary>The services of plans, reports and reminders, registered by every host the same way.</summary>
public static class WorkflowServices
{
    /// <summary>Registers the workflow storage, stores, reminder sources, planner, rounds and scheduler.</summary>
    /// <remarks>The rounds enqueue into the outbox that <see cref="NotificationServices"/> registers.</remarks>
    public static IServiceCollection AddGiamNgheoWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(WorkingDayCalendar.Default);
        services.TryAddSingleton(ReminderPlannerOptions.Default);
        services.AddSingleton(sp => Workflows(sp.GetRequiredService<PipelineStorage>()));
        services.AddSingleton<PlanStore>();
        services.AddSingleton<PeriodReportStore>();
        services.AddSingleton<IReportingTimelinessSource, PlanTimelinessSource>();
        services.AddSingleton<IReminderSubjectSource, PlanReminderSource>();
        services.AddSingleton(sp => new ReminderPlanner(WorkingDays(sp.GetRequiredService<WorkingDayCalendar>()), sp.GetRequiredService<ReminderPlannerOptions>()));
        services.AddSingleton<ReminderRounds>();
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton<ReminderReconciler>();
        return services;
    }

    private static WorkflowStorage Workflows(PipelineStorage storage) => new(storage.Blobs, storage.Tables);

    /// <summary>Whether reminders may go out on a date: the agencies' calendar where it has the year, else Monday–Friday.</summary>
    /// <remarks>Reminders are a courtesy, not a legal period: for a year whose days off are not yet announced the planner
    /// moves points off weekends only (docs/rules.md), where a legal count (the posting period) refuses the year.</remarks>
    public static Func<DateOnly, bool> WorkingDays(WorkingDayCalendar calendar) => date =>
        calendar.Covers(date.Year) ? calendar.IsWorkingDay(date) : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
