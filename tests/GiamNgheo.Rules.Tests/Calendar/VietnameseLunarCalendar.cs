namespace GiamNgheo.Rules.Tests.Calendar;

/// <summary>Gregorian → Vietnamese lunar date, computed independently of the holiday data so a typo there fails a test.</summary>
/// <remarks>
/// Hồ Ngọc Đức's method: new moons and the sun's longitude from Meeus' series, the day boundaries taken in UTC+7. The
/// time zone is what makes the Vietnamese calendar differ from the Chinese one (UTC+8) in some years, e.g. Tết 2007 on
/// 17 February in Vietnam and 18 February in China; the tests pin those years down.
/// </remarks>
internal static class VietnameseLunarCalendar
{
    private const double TimeZone = 7.0;

    /// <summary>The lunar day, month, year and whether the month is a leap (nhuận) month.</summary>
    public static (int Day, int Month, int Year, bool Leap) FromSolar(DateOnly date)
    {
        var dayNumber = JulianDay(date);
        var k = Floor((dayNumber - 2415021.076998695) / 29.530588853);
        var monthStart = NewMoonDay(k + 1);
        if (monthStart > dayNumber)
            monthStart = NewMoonDay(k);

        var a11 = LunarMonth11(date.Year);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarMonth11(date.Year - 1);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarMonth11(date.Year + 1);
        }

        var lunarDay = dayNumber - monthStart + 1;
        var diff = Floor((monthStart - a11) / 29.0);
        var leap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapMonthDiff = LeapMonthOffset(a11);
            if (diff >= leapMonthDiff)
            {
                lunarMonth = diff + 10;
                leap = diff == leapMonthDiff;
            }
        }

        if (lunarMonth > 12)
            lunarMonth -= 12;
        if (lunarMonth >= 11 && diff < 4)
            lunarYear--;
        return (lunarDay, lunarMonth, lunarYear, leap);
    }

    /// <summary>The Gregorian date of a day of a non-leap lunar month, found by scanning the solar year.</summary>
    public static DateOnly ToSolar(int year, int month, int day)
    {
        // Lunar month 1 starts between 21 January and 20 February, so months 1–10 of lunar year Y lie in solar year Y.
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            if (FromSolar(date) == (day, month, year, false))
                return date;
        }

        throw new ArgumentOutOfRangeException(nameof(month), $"Lunar {day}/{month}/{year} does not fall in solar year {year}.");
    }

    private static int JulianDay(DateOnly date) => date.DayNumber + 1721426;

    private static int Floor(double value) => (int)Math.Floor(value);

    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    private static int NewMoonDay(int k) => Floor(NewMoon(k) + 0.5 + TimeZone / 24);

    // The sun's longitude at the start of a local day, as one of 12 sectors of 30° (sector 9 holds the winter solstice).
    private static int SunLongitudeSector(int dayNumber)
    {
        var t = (dayNumber - 0.5 - TimeZone / 24 - 2451545.0) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        l -= Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
        return Floor(l / Math.PI * 6);
    }

    // Month 11 is the lunar month that contains the winter solstice.
    private static int LunarMonth11(int year)
    {
        var off = JulianDay(new DateOnly(year, 12, 31)) - 2415021;
        var k = Floor(off / 29.530588853);
        var newMoon = NewMoonDay(k);
        return SunLongitudeSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    // The leap month is the first month after month 11 without a major solar term (the sector does not change).
    private static int LeapMonthOffset(int a11)
    {
        var k = Floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
        var i = 1;
        var arc = SunLongitudeSector(NewMoonDay(k + i));
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i));
        }
        while (arc != last && i < 14);
        return i - 1;
    }
}
