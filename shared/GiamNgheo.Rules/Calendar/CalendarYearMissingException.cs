namespace GiamNgheo.Rules.Calendar;

/// <summary>A date falls in a year whose days off are not in the calendar.</summary>
/// <remarks>Refused rather than guessed: treating an unknown year as having no holidays would silently move
/// deadlines by the length of Tết. The message is Vietnamese so an API can return it as a problem's detail.</remarks>
public sealed class CalendarYearMissingException : Exception
{
    /// <summary>Creates the refusal for a year, naming the years that do have data.</summary>
    public CalendarYearMissingException(int year, IEnumerable<int> knownYears)
        : base($"Chưa có lịch ngày nghỉ của năm {year}; lịch hiện có các năm {Ranges(knownYears)}. "
            + $"Cần bổ sung lịch nghỉ lễ, Tết năm {year} theo thông báo của Chính phủ trước khi tính ngày làm việc.")
    {
        Year = year;
    }

    /// <summary>The year without data.</summary>
    public int Year { get; }

    // "2024–2027" rather than a list, so the message stays short as years are added; gaps are kept visible.
    private static string Ranges(IEnumerable<int> years)
    {
        var ranges = new List<(int From, int To)>();
        foreach (var year in years.Distinct().Order())
        {
            if (ranges.Count > 0 && ranges[^1].To == year - 1)
                ranges[^1] = (ranges[^1].From, year);
            else
                ranges.Add((year, year));
        }

        return ranges.Count == 0
            ? "(không có năm nào)"
            : string.Join(", ", ranges.Select(r => r.From == r.To ? $"{r.From}" : $"{r.From}–{r.To}"));
    }
}
