namespace GiamNgheo.Workflows.Reminders;

/// <summary>What a reminder says.</summary>
public enum ReminderKind
{
    /// <summary>Before the deadline (<c>nhac-truoc</c>).</summary>
    Before,

    /// <summary>On the due day (<c>den-han</c>).</summary>
    DueToday,

    /// <summary>To a reporter after the deadline (<c>qua-han</c>).</summary>
    Overdue,

    /// <summary>To the supervisor after the deadline: who is late (<c>tong-hop-tre-han</c>).</summary>
    LateSummary,
}

/// <summary>The codes reminder kinds have in the API, the outbox and message keys.</summary>
public static class ReminderKinds
{
    /// <summary>The code of a kind.</summary>
    public static string Code(this ReminderKind kind) => kind switch
    {
        ReminderKind.Before => "nhac-truoc",
        ReminderKind.DueToday => "den-han",
        ReminderKind.Overdue => "qua-han",
        ReminderKind.LateSummary => "tong-hop-tre-han",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
