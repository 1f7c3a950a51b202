using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Rules.Tests.Calendar;

// The shipped year files checked against the law and against an independent lunar computation.
public sealed class HolidayDataTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default;

    public static TheoryData<int> ShippedYears => [2024, 2025, 2026, 2027];

    [Fact]
    public void Ships_the_years_2024_to_2027()
    {
        Assert.Equal([2024, 2025, 2026, 2027], Calendar.Years.Select(y => y.Year));
    }

    [Theory]
    [InlineData(2007, 2, 17)] // China: 18 February
    [InlineData(1985, 1, 21)] // China: 20 February
    [InlineData(1969, 2, 16)] // China: 17 February
    [InlineData(1968, 1, 29)] // China: 30 January
    [InlineData(2024, 2, 10)]
    [InlineData(2030, 2, 2)] // China: 3 February
    public void Lunar_algorithm_gives_the_Vietnamese_Tet_where_it_differs_from_the_Chinese_new_year(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), VietnameseLunarCalendar.ToSolar(year, 1, 1));
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void Tet_and_the_Hung_Kings_day_are_listed_on_their_computed_lunar_dates(int year)
    {
        var days = Calendar.Years.Single(y => y.Year == year).Days;

        var tet = days.Single(d => d.LunarDate == "01-01");
        var hungKings = days.Single(d => d.LunarDate == "03-10");

        Assert.Equal(VietnameseLunarCalendar.ToSolar(year, 1, 1), tet.Date);
        Assert.Equal(VietnameseLunarCalendar.ToSolar(year, 3, 10), hungKings.Date);
        Assert.Equal(CalendarDayKind.PublicHoliday, tet.Kind);
        Assert.Equal(CalendarDayKind.PublicHoliday, hungKings.Kind);
    }

    [Fact]
    public void Every_lunar_date_in_the_data_matches_the_computed_lunar_calendar()
    {
        var lunarDays = Calendar.Years.SelectMany(y => y.Days).Where(d => d.LunarDate is not null).ToList();

        Assert.NotEmpty(lunarDays);
        foreach (var day in lunarDays)
        {
            var (lunarDay, lunarMonth, _, leap) = VietnameseLunarCalendar.FromSolar(day.Date);
            Assert.False(leap, $"{day.Date:O} falls in a leap month");
            Assert.True($"{lunarMonth:00}-{lunarDay:00}" == day.LunarDate, $"{day.Date:O} ({day.Name}) is lunar {lunarMonth:00}-{lunarDay:00}, the data says {day.LunarDate}");
        }
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void Each_year_lists_the_eleven_holidays_of_article_112(int year)
    {
        var holidays = Calendar.Years.Single(y => y.Year == year).Days.Where(d => d.Kind == CalendarDayKind.PublicHoliday).ToList();

        // Tết Dương lịch 1, Tết Âm lịch 5, Giỗ Tổ 1, 30/4 1, 1/5 1, Quốc khánh 2 (Bộ luật Lao động 2019 Điều 112 khoản 1).
        Assert.Equal(11, holidays.Count);
        Assert.Equal(5, holidays.Count(d => d.Name.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)));
        Assert.Equal(2, holidays.Count(d => d.Name.StartsWith("Quốc khánh", StringComparison.Ordinal)));
        foreach (var (month, day) in new[] { (1, 1), (4, 30), (5, 1), (9, 2) })
            Assert.Contains(holidays, d => d.Date == new DateOnly(year, month, day));
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void Each_holiday_on_a_weekend_is_compensated_by_one_weekday_off(int year)
    {
        var days = Calendar.Years.Single(y => y.Year == year).Days;

        var onWeekend = days.Count(d => d.Kind == CalendarDayKind.PublicHoliday && d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

        Assert.Equal(onWeekend, days.Count(d => d.Kind == CalendarDayKind.CompensatoryDayOff));
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void Every_extra_day_off_is_paid_back_by_a_make_up_working_day(int year)
    {
        var days = Calendar.Years.Single(y => y.Year == year).Days;

        Assert.Equal(days.Count(d => d.Kind == CalendarDayKind.ExtraDayOff), days.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday));
    }

    [Fact]
    public void Announced_years_are_confirmed_and_2027_marks_its_derived_days()
    {
        Assert.All(Calendar.Years.Where(y => y.Year <= 2026).SelectMany(y => y.Days), d => Assert.True(d.Confirmed, $"{d.Date:O} {d.Name}"));

        var unconfirmed2027 = Calendar.Years.Single(y => y.Year == 2027).Days.Where(d => !d.Confirmed).Select(d => d.Date).ToList();
        Assert.Equal(
            [new(2027, 2, 4), new(2027, 2, 5), new(2027, 2, 6), new(2027, 2, 7), new(2027, 2, 8), new(2027, 2, 9), new(2027, 2, 10),
             new(2027, 4, 16), new(2027, 5, 3), new DateOnly(2027, 9, 3)],
            unconfirmed2027);
    }

    [Fact]
    public void Every_day_cites_its_source_and_every_unconfirmed_day_says_why()
    {
        foreach (var day in Calendar.Years.SelectMany(y => y.Days))
        {
            Assert.False(string.IsNullOrWhiteSpace(day.Source));
            Assert.NotNull(day.Url);
            Assert.Equal(day.Confirmed, day.Reason is null);
        }
    }

    [Fact]
    public void Announced_swaps_and_make_up_saturdays_are_as_published()
    {
        var listed = Calendar.Years.SelectMany(y => y.Days).ToDictionary(d => d.Date, d => d.Kind);

        // CV 2450/VPCP-KGVX (2024); TB 6150/TB-BLĐTBXH (2025); CV 12729/VPCP-KGVX and TB 9441/TB-BNV (2026).
        Assert.Equal(CalendarDayKind.ExtraDayOff, listed[new(2024, 4, 29)]);
        Assert.Equal(CalendarDayKind.MakeUpWorkday, listed[new(2024, 5, 4)]);
        Assert.Equal(CalendarDayKind.ExtraDayOff, listed[new(2025, 5, 2)]);
        Assert.Equal(CalendarDayKind.MakeUpWorkday, listed[new(2025, 4, 26)]);
        Assert.Equal(CalendarDayKind.ExtraDayOff, listed[new(2026, 1, 2)]);
        Assert.Equal(CalendarDayKind.MakeUpWorkday, listed[new(2026, 1, 10)]);
        Assert.Equal(CalendarDayKind.ExtraDayOff, listed[new(2026, 8, 31)]);
        Assert.Equal(CalendarDayKind.MakeUpWorkday, listed[new(2026, 8, 22)]);
    }
}
