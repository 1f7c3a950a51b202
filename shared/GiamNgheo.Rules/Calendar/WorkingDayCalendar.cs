using System.Reflection;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Calendar;

/// <summary>Working days of state agencies (cán bộ, công chức, viên chức), year by year from announced data.</summary>
/// <remarks>
/// A working day is Monday–Friday unless listed as a day off (public holiday, compensatory or extra day off), or a
/// Saturday/Sunday listed as a make-up working day (làm bù). State agencies rest on Saturday and Sunday (QĐ 188/1999/QĐ-TTg)
/// and follow the Prime Minister's yearly announcements, so every year is data with its sources; a date in a year
/// without data is refused with <see cref="CalendarYearMissingException"/>. Immutable and safe to share between threads.
/// </remarks>
public sealed class WorkingDayCalendar
{
    private const string ResourcePrefix = "GiamNgheo.Rules.Calendar.";
    private static readonly Lazy<WorkingDayCalendar> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, CalendarYear> _years;
    private readonly Dictionary<DateOnly, CalendarDay> _days;

    private WorkingDayCalendar(List<CalendarYear> years)
    {
        Years = years.OrderBy(y => y.Year).ToList();
        _years = years.ToDictionary(y => y.Year);
        _days = years.SelectMany(y => y.Days).ToDictionary(d => d.Date);
    }

    /// <summary>The calendar built from the embedded year files, loaded on first use.</summary>
    public static WorkingDayCalendar Default => LazyDefault.Value;

    /// <summary>The years with data, in order.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>Whether the days off of this year are known; dates of other years are refused.</summary>
    public bool Covers(int year) => _years.ContainsKey(year);

    /// <summary>Whether state agencies work on this date.</summary>
    /// <exception cref="CalendarYearMissingException">The date's year has no data.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        RequireYear(date.Year);
        if (_days.TryGetValue(date, out var listed))
            return !listed.IsDayOff;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The last day of a period of <paramref name="days"/> working days that starts on <paramref name="start"/>.</summary>
    /// <remarks>
    /// Counting includes <paramref name="start"/> when it is a working day: a posting (niêm yết) from Friday 2025-08-29
    /// for 3 working days runs Friday 29/8, Wednesday 3/9 and Thursday 4/9 (the weekend and the Quốc khánh days 1–2/9
    /// are skipped) and ends on 2025-09-04. When <paramref name="start"/> is not a working day the period begins on the
    /// next working day, so 1 day from a Saturday is the following working Monday. 0 days returns <paramref name="start"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    /// <exception cref="CalendarYearMissingException">The start, or a day the period reaches, is in a year without data.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        if (days < 0)
            throw new ArgumentOutOfRangeException(nameof(days), days, "Số ngày làm việc không được âm.");
        RequireYear(start.Year);
        if (days == 0)
            return start;
        var remaining = days;
        for (var date = start; ; date = date.AddDays(1))
        {
            if (IsWorkingDay(date) && --remaining == 0)
                return date;
        }
    }

    /// <summary>The listed days in <paramref name="from"/>–<paramref name="to"/> (inclusive) that are assumed, not announced.</summary>
    /// <remarks>A result computed across one of these days may change when the year's announcement is published.</remarks>
    /// <exception cref="CalendarYearMissingException">A year of the range has no data.</exception>
    public IReadOnlyList<CalendarDay> UnconfirmedBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ArgumentException($"The range ends ({to:O}) before it starts ({from:O}).", nameof(to));
        for (var year = from.Year; year <= to.Year; year++)
            RequireYear(year);
        return Enumerable.Range(from.Year, to.Year - from.Year + 1)
            .SelectMany(y => _years[y].Days)
            .Where(d => !d.Confirmed && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date)
            .ToList();
    }

    /// <summary>Builds a calendar from year files (one JSON document per year, the format of <c>Calendar/Data</c>).</summary>
    /// <exception cref="InvalidDataException">A document is malformed, a date is outside its year or listed twice, a kind is
    /// unknown, a make-up day is not on a weekend, a compensatory or extra day off is not on a weekday, an unconfirmed day
    /// gives no reason, or two documents hold the same year.</exception>
    public static WorkingDayCalendar Load(IEnumerable<(string Name, Stream Json)> yearDocuments)
    {
        var years = new List<CalendarYear>();
        foreach (var (name, json) in yearDocuments)
        {
            var year = Build(StandardJson.Deserialize<CalendarYearDocument>(json, name), name);
            if (years.Any(y => y.Year == year.Year))
                throw new InvalidDataException($"{name}: year {year.Year} is defined twice.");
            years.Add(year);
        }

        return new WorkingDayCalendar(years);
    }

    private void RequireYear(int year)
    {
        if (!Covers(year))
            throw new CalendarYearMissingException(year, _years.Keys);
    }

    private static CalendarYear Build(CalendarYearDocument document, string name)
    {
        var days = new List<CalendarDay>();
        foreach (var d in document.Days)
        {
            var where = $"{name}: {d.Date:O}";
            if (d.Date.Year != document.Year)
                throw new InvalidDataException($"{where} is not in year {document.Year}.");
            if (days.Any(x => x.Date == d.Date))
                throw new InvalidDataException($"{where} is listed twice.");
            if (string.IsNullOrWhiteSpace(d.Name) || string.IsNullOrWhiteSpace(d.Source))
                throw new InvalidDataException($"{where} needs a name and a source.");

            var kind = d.Kind switch
            {
                "ngay-le" => CalendarDayKind.PublicHoliday,
                "nghi-bu" => CalendarDayKind.CompensatoryDayOff,
                "nghi-them" => CalendarDayKind.ExtraDayOff,
                "lam-bu" => CalendarDayKind.MakeUpWorkday,
                _ => throw new InvalidDataException($"{where}: kind must be ngay-le, nghi-bu, nghi-them or lam-bu, not '{d.Kind}'."),
            };

            // A make-up day on a weekday, or a compensatory day on a weekend, changes nothing: it is a typo in the date.
            var weekend = d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (kind == CalendarDayKind.MakeUpWorkday && !weekend)
                throw new InvalidDataException($"{where}: a make-up working day (lam-bu) must be a Saturday or Sunday, not a {d.Date.DayOfWeek}.");
            if ((kind is CalendarDayKind.CompensatoryDayOff or CalendarDayKind.ExtraDayOff) && weekend)
                throw new InvalidDataException($"{where}: a compensatory or extra day off must be a weekday, not a {d.Date.DayOfWeek}.");

            if (d.Confirmed == !string.IsNullOrWhiteSpace(d.Reason))
                throw new InvalidDataException($"{where}: an unconfirmed day needs a reason, and a confirmed day has none.");

            Uri? url = null;
            if (d.Url is not null && (!Uri.TryCreate(d.Url, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
                throw new InvalidDataException($"{where}: url '{d.Url}' is not an absolute http(s) address.");

            if (d.LunarDate is not null && !IsLunarMonthDay(d.LunarDate))
                throw new InvalidDataException($"{where}: lunarDate '{d.LunarDate}' is not MM-DD with a month 01–12 and a day 01–30.");

            days.Add(new CalendarDay(d.Date, d.Name, kind, d.Source, url, d.Confirmed, d.Reason, d.LunarDate));
        }

        return new CalendarYear(document.Year, days.OrderBy(x => x.Date).ToList(), document.Notes ?? []);
    }

    private static bool IsLunarMonthDay(string text) =>
        text.Length == 5 && text[2] == '-'
        && int.TryParse(text.AsSpan(0, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month)
        && int.TryParse(text.AsSpan(3, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day)
        && month is >= 1 and <= 12 && day is >= 1 and <= 30;

    private static WorkingDayCalendar LoadEmbedded()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var streams = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Name: n[ResourcePrefix.Length..], Json: Open(assembly, n)))
            .ToList();
        try
        {
            return Load(streams);
        }
        finally
        {
            foreach (var (_, stream) in streams)
                stream.Dispose();
        }
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing embedded resource {name}.");
}
