using System.Text;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Rules.Tests.Calendar;

// Load is the seam the embedded year files go through; these pin down the format with tiny documents.
public sealed class WorkingDayCalendarLoadTests
{
    private const string Source = "\"source\": \"Bộ luật Lao động 2019, Điều 112\"";

    private static WorkingDayCalendar Load(params string[] documents) =>
        WorkingDayCalendar.Load(documents.Select((json, i) => ($"test-{i}.json", (Stream)new MemoryStream(Encoding.UTF8.GetBytes(json)))));

    private static string Year(int year, string days) => $$"""{ "year": {{year}}, "days": [ {{days}} ] }""";

    [Fact]
    public void Loads_a_year_with_each_kind()
    {
        var calendar = Load(Year(2030, $$"""
            { "date": "2030-01-01", "name": "Tết Dương lịch", "kind": "ngay-le", "confirmed": true, {{Source}} },
            { "date": "2030-01-02", "name": "Nghỉ thêm", "kind": "nghi-them", "confirmed": false, "reason": "giả định", {{Source}}, "url": "https://vbpl.vn/" },
            { "date": "2030-01-05", "name": "Làm bù", "kind": "lam-bu", "confirmed": true, {{Source}} },
            { "date": "2030-01-07", "name": "Nghỉ bù", "kind": "nghi-bu", "confirmed": true, {{Source}} }
            """));

        var days = calendar.Years.Single().Days;
        Assert.Equal(
            [CalendarDayKind.PublicHoliday, CalendarDayKind.ExtraDayOff, CalendarDayKind.MakeUpWorkday, CalendarDayKind.CompensatoryDayOff],
            days.Select(d => d.Kind));
        Assert.Equal(new Uri("https://vbpl.vn/"), days[1].Url);
        Assert.Equal("giả định", days[1].Reason);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2030, 1, 5)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2030, 1, 7)));
    }

    [Theory]
    [InlineData("""{ "date": "2031-01-01", "name": "x", "kind": "ngay-le", "confirmed": true, "source": "s" }""", "not in year 2030")]
    [InlineData("""{ "date": "2030-01-01", "name": "x", "kind": "le", "confirmed": true, "source": "s" }""", "kind must be")]
    [InlineData("""{ "date": "2030-01-07", "name": "x", "kind": "lam-bu", "confirmed": true, "source": "s" }""", "must be a Saturday or Sunday")]
    [InlineData("""{ "date": "2030-01-05", "name": "x", "kind": "nghi-bu", "confirmed": true, "source": "s" }""", "must be a weekday")]
    [InlineData("""{ "date": "2030-01-01", "name": "x", "kind": "ngay-le", "confirmed": false, "source": "s" }""", "needs a reason")]
    [InlineData("""{ "date": "2030-01-01", "name": "x", "kind": "ngay-le", "confirmed": true, "reason": "r", "source": "s" }""", "needs a reason")]
    [InlineData("""{ "date": "2030-01-01", "name": "x", "kind": "ngay-le", "confirmed": true, "source": "" }""", "needs a name and a source")]
    [InlineData("""{ "date": "2030-01-01", "name": "x", "kind": "ngay-le", "confirmed": true, "source": "s", "url": "vbpl.vn" }""", "not an absolute http(s) address")]
    [InlineData("""{ "date": "2030-02-03", "name": "x", "kind": "ngay-le", "confirmed": true, "source": "s", "lunarDate": "1-1" }""", "lunarDate")]
    [InlineData("""{ "date": "2030-01-01", "name": "x", "kind": "ngay-le", "confirmed": true, "source": "s", "sorce": "t" }""", "sorce")]
    [InlineData("""{ "date": "2030-01-01", "name": "x", "kind": "ngay-le", "confirmed": true, "source": "s" }, { "date": "2030-01-01", "name": "y", "kind": "ngay-le", "confirmed": true, "source": "s" }""", "listed twice")]
    public void Rejects_a_malformed_day(string day, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(Year(2030, day)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test-0.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_year_defined_twice()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(Year(2030, ""), Year(2030, "")));

        Assert.Contains("defined twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_missing_between_two_loaded_years_is_refused_not_skipped()
    {
        var calendar = Load(Year(2030, ""), Year(2032, ""));

        var error = Assert.Throws<CalendarYearMissingException>(() => calendar.AddWorkingDays(new DateOnly(2030, 12, 31), 2));

        Assert.Equal(2031, error.Year);
        Assert.Contains("2030, 2032", error.Message, StringComparison.Ordinal);
    }
}
