namespace GiamNgheo.Rules.Calendar;

/// <summary>Why a day is listed in the working-day calendar of state agencies.</summary>
public enum CalendarDayKind
{
    /// <summary>One of the 11 public holidays of Bộ luật Lao động 2019 Điều 112 (JSON <c>ngay-le</c>); may fall on a weekend.</summary>
    PublicHoliday,

    /// <summary>A weekday off because a holiday fell on a weekly rest day, Điều 111 khoản 3 (JSON <c>nghi-bu</c>).</summary>
    CompensatoryDayOff,

    /// <summary>A weekday off the government announced, usually swapped for a make-up Saturday (JSON <c>nghi-them</c>).</summary>
    ExtraDayOff,

    /// <summary>A Saturday or Sunday that state agencies work to pay back a swapped day (JSON <c>lam-bu</c>).</summary>
    MakeUpWorkday,
}

/// <summary>A day that differs from the plain Monday–Friday week, with the document that makes it so.</summary>
/// <param name="Date">The Gregorian date.</param>
/// <param name="Name">Vietnamese name, e.g. "Tết Nguyên đán (mùng 1 tháng Giêng năm Bính Ngọ)".</param>
/// <param name="Kind">Day off or make-up working day, and on what ground.</param>
/// <param name="Source">The announcement or article of law, as cited (e.g. "Thông báo 9441/TB-BNV ngày 16/10/2025").</param>
/// <param name="Url">Where the source was read, when known.</param>
/// <param name="Confirmed">False when the day is derived (from the law and the lunar calendar) rather than announced.</param>
/// <param name="Reason">Why an unconfirmed day is assumed; null for confirmed days.</param>
/// <param name="LunarDate">For holidays fixed by the lunar calendar, the lunar month and day as <c>MM-DD</c> (checked by a test).</param>
public sealed record CalendarDay(
    DateOnly Date,
    string Name,
    CalendarDayKind Kind,
    string Source,
    Uri? Url,
    bool Confirmed,
    string? Reason,
    string? LunarDate)
{
    /// <summary>True for every kind except a make-up working day.</summary>
    public bool IsDayOff => Kind != CalendarDayKind.MakeUpWorkday;
}

/// <summary>The listed days of one calendar year and the notes on what is still open.</summary>
public sealed record CalendarYear(int Year, IReadOnlyList<CalendarDay> Days, IReadOnlyList<string> Notes);
