namespace GiamNgheo.Workflows;

/// <summary>Dates and times as Vietnamese offices count them (Asia/Ho_Chi_Minh).</summary>
/// <remarks>Deadlines are calendar days in Vietnam ("received by the end of the due day"), so every instant is turned into
/// a local date here and nowhere else. The zone comes from the system's time zone database; Vietnam has kept UTC+7
/// without daylight saving since 1975, which the fallback reproduces where the database is missing.</remarks>
public static class VietnamTime
{
    /// <summary>The IANA zone of Vietnam.</summary>
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>The time zone.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The instant of a local date and time.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The local date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The first instant after the local day <paramref name="date"/>: anything before it was received that day or earlier.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => At(date.AddDays(1), TimeOnly.MinValue);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), "Giờ Việt Nam", "Giờ Việt Nam");
        }
    }
}
