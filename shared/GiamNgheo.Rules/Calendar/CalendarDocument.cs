namespace GiamNgheo.Rules.Calendar;

/// <summary>The JSON shape of a year file in <c>Calendar/Data</c> (see docs/rules.md, "Ngày làm việc").</summary>
internal sealed record CalendarYearDocument(int Year, IReadOnlyList<CalendarDayDocument> Days, IReadOnlyList<string>? Notes = null);

internal sealed record CalendarDayDocument(
    DateOnly Date,
    string Name,
    string Kind,
    string Source,
    bool Confirmed,
    string? Url = null,
    string? Reason = null,
    string? LunarDate = null);
