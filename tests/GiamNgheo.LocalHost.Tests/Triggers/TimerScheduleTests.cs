using GiamNgheo.Functions.LocalHost;

namespace GiamNgheo.Functions.Tests.LocalHost;

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
}
