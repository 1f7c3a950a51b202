using GiamNgheo.LocalHost.Triggers;

namespace GiamNgheo.LocalHost.Tests.Triggers;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2025, 9, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Six_field_expression_has_seconds_first()
    {
        var next = TimerTriggerListener.ParseSchedule("0 */5 * * * *");

        Assert.Equal(Noon.AddMinutes(5), next(Noon));
        Assert.Equal(Noon.AddMinutes(5), next(Noon.AddMinutes(2)));
    }

    [Fact]
    public void Every_second_expression_fires_each_second()
    {
        Assert.Equal(Noon.AddSeconds(1), TimerTriggerListener.ParseSchedule("* * * * * *")(Noon));
    }

    [Fact]
    public void Five_field_expression_is_read_without_seconds()
    {
        Assert.Equal(Noon.AddHours(1), TimerTriggerListener.ParseSchedule("0 * * * *")(Noon));
    }

    [Fact]
    public void Time_span_schedule_repeats_at_that_interval()
    {
        Assert.Equal(Noon.AddMinutes(90), TimerTriggerListener.ParseSchedule("01:30:00")(Noon));
    }

    [Fact]
    public void Invalid_expression_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => TimerTriggerListener.ParseSchedule("every five minutes"));
    }

    [Fact]
    public void Schedule_is_read_in_utc()
    {
        // The host runs timers in UTC unless WEBSITE_TIME_ZONE says otherwise; the local host never reads the machine's zone.
        Assert.Equal(new DateTimeOffset(2025, 9, 3, 9, 30, 0, TimeSpan.Zero), TimerTriggerListener.ParseSchedule("0 30 9 * * *")(Noon));
    }

    [Fact]
    public void Extra_spaces_between_fields_are_ignored()
    {
        Assert.Equal(Noon.AddMinutes(5), TimerTriggerListener.ParseSchedule("  0  */5 * * * * ")(Noon));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("0 0 * * * * *")]
    [InlineData("")]
    public void Zero_interval_seven_fields_or_nothing_is_a_format_error(string schedule)
    {
        Assert.Throws<FormatException>(() => TimerTriggerListener.ParseSchedule(schedule));
    }
}
