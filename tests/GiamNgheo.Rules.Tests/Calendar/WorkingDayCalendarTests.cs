using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Rules.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(2025, 9, 3, true)] // Wednesday after Quốc khánh
    [InlineData(2025, 9, 6, false)] // Saturday
    [InlineData(2025, 9, 7, false)] // Sunday
    [InlineData(2025, 9, 1, false)] // Quốc khánh, adjacent day (Monday)
    [InlineData(2025, 9, 2, false)] // Quốc khánh (Tuesday)
    [InlineData(2025, 4, 26, true)] // make-up Saturday for Friday 2/5
    [InlineData(2025, 5, 2, false)] // the swapped Friday
    [InlineData(2026, 8, 22, true)] // make-up Saturday for Monday 31/8
    [InlineData(2026, 4, 27, false)] // compensatory day for Giỗ Tổ on Sunday 26/4
    [InlineData(2026, 11, 24, true)] // Ngày Văn hóa Việt Nam: not a day off until the Labour Code says so
    public void Tells_working_days_from_weekends_holidays_and_make_up_saturdays(int year, int month, int day, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(D(year, month, day)));
    }

    [Theory]
    [InlineData(2024, 2, 7, true)] // Wednesday before Tết Giáp Thìn
    [InlineData(2024, 2, 8, false)] // 29 tháng Chạp, first day off
    [InlineData(2024, 2, 14, false)] // last compensatory day
    [InlineData(2024, 2, 15, true)] // first working day after
    [InlineData(2025, 1, 24, true)] // Friday before Tết Ất Tỵ
    [InlineData(2025, 1, 27, false)] // 28 tháng Chạp
    [InlineData(2025, 1, 31, false)] // mùng 3
    [InlineData(2025, 2, 3, true)] // Monday after
    [InlineData(2026, 2, 13, true)] // Friday before Tết Bính Ngọ
    [InlineData(2026, 2, 16, false)] // 29 tháng Chạp
    [InlineData(2026, 2, 20, false)] // mùng 4
    [InlineData(2026, 2, 23, true)] // Monday after
    public void Tet_breaks_start_and_end_on_the_announced_days(int year, int month, int day, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(D(year, month, day)));
    }

    [Fact]
    public void Posting_from_the_Friday_before_Quoc_khanh_2025_for_three_days_ends_on_Thursday_4_September()
    {
        // Fri 29/8 is day 1; Sat–Sun 30–31/8 and the holidays Mon–Tue 1–2/9 are skipped; Wed 3/9 is day 2.
        Assert.Equal(D(2025, 9, 4), Calendar.AddWorkingDays(D(2025, 8, 29), 3));
    }

    [Fact]
    public void A_one_day_period_starting_on_a_working_day_ends_that_day()
    {
        Assert.Equal(D(2025, 9, 3), Calendar.AddWorkingDays(D(2025, 9, 3), 1));
    }

    [Theory]
    [InlineData(2025, 9, 6, 2025, 9, 8)] // Saturday → Monday
    [InlineData(2025, 9, 1, 2025, 9, 3)] // Quốc khánh → Wednesday
    [InlineData(2026, 2, 14, 2026, 2, 23)] // first Saturday of the Tết break → Monday after it
    public void A_period_starting_on_a_day_off_begins_on_the_next_working_day(int y, int m, int d, int ey, int em, int ed)
    {
        Assert.Equal(D(ey, em, ed), Calendar.AddWorkingDays(D(y, m, d), 1));
    }

    [Fact]
    public void A_make_up_saturday_counts_as_a_working_day()
    {
        // Thu 24/4/2025, Fri 25/4, Sat 26/4 (làm bù).
        Assert.Equal(D(2025, 4, 26), Calendar.AddWorkingDays(D(2025, 4, 24), 3));
    }

    [Fact]
    public void Posting_across_Tet_2026_skips_the_nine_day_break()
    {
        // Thu 12/2, Fri 13/2, then nothing until Mon 23/2.
        Assert.Equal(D(2026, 2, 23), Calendar.AddWorkingDays(D(2026, 2, 12), 3));
    }

    [Fact]
    public void Posting_across_the_year_end_uses_the_next_years_days_off()
    {
        // Wed 31/12/2025; Thu 1/1/2026 Tết Dương lịch, Fri 2/1 swapped off, weekend; Mon 5/1, Tue 6/1.
        Assert.Equal(D(2026, 1, 6), Calendar.AddWorkingDays(D(2025, 12, 31), 3));
    }

    [Fact]
    public void Zero_days_returns_the_start_whatever_day_it_is()
    {
        Assert.Equal(D(2025, 9, 7), Calendar.AddWorkingDays(D(2025, 9, 7), 0));
    }

    [Fact]
    public void A_negative_number_of_days_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D(2025, 9, 3), -1));
    }

    [Fact]
    public void A_date_in_a_year_without_data_is_refused_in_Vietnamese()
    {
        var error = Assert.Throws<CalendarYearMissingException>(() => Calendar.IsWorkingDay(D(2028, 1, 3)));

        Assert.Equal(2028, error.Year);
        Assert.StartsWith("Chưa có lịch ngày nghỉ của năm 2028", error.Message, StringComparison.Ordinal);
        Assert.Contains("2024–2027", error.Message, StringComparison.Ordinal);
        Assert.False(Calendar.Covers(2028));
        Assert.True(Calendar.Covers(2027));
    }

    [Theory]
    [InlineData(2023, 12, 29, 1)]
    [InlineData(2023, 12, 29, 0)]
    [InlineData(2028, 6, 1, 0)]
    public void A_start_in_a_year_without_data_is_refused_even_for_zero_days(int year, int month, int day, int days)
    {
        var error = Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkingDays(D(year, month, day), days));

        Assert.Equal(year, error.Year);
    }

    [Fact]
    public void A_period_running_past_the_last_year_with_data_is_refused()
    {
        // Thu 30/12/2027 and Fri 31/12 are days 1–2; day 3 would be in 2028.
        Assert.Equal(D(2027, 12, 31), Calendar.AddWorkingDays(D(2027, 12, 30), 2));
        var error = Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkingDays(D(2027, 12, 30), 3));
        Assert.Equal(2028, error.Year);
    }

    [Fact]
    public void Lists_the_assumed_days_a_result_depends_on()
    {
        Assert.Empty(Calendar.UnconfirmedBetween(D(2026, 1, 1), D(2026, 12, 31)));
        Assert.Equal(
            [D(2027, 2, 4), D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10)],
            Calendar.UnconfirmedBetween(D(2026, 12, 1), D(2027, 3, 1)).Select(d => d.Date));
        Assert.Throws<CalendarYearMissingException>(() => Calendar.UnconfirmedBetween(D(2027, 12, 1), D(2028, 1, 5)));
        Assert.Throws<ArgumentException>(() => Calendar.UnconfirmedBetween(D(2027, 2, 2), D(2027, 2, 1)));
    }

    [Property(MaxTest = 300)]
    public Property The_end_is_the_nth_working_day_counting_the_start(PositiveInt startSeed, PositiveInt daysSeed)
    {
        var start = D(2024, 1, 1).AddDays(startSeed.Get % (365 * 4 - 90));
        var days = 1 + daysSeed.Get % 40;

        var end = Calendar.AddWorkingDays(start, days);

        var workingDays = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Count(i => Calendar.IsWorkingDay(start.AddDays(i)));
        return (Calendar.IsWorkingDay(end) && workingDays == days).ToProperty();
    }
}
