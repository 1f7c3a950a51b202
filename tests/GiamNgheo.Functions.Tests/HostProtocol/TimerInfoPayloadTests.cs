using System.Text.Json;
using GiamNgheo.Functions.HostProtocol;

namespace GiamNgheo.Functions.Tests.HostProtocol;

public sealed class TimerInfoPayloadTests
{
    [Fact]
    public void Written_timer_reads_back_equal()
    {
        var timer = new TimerInfoPayload(
            new TimerSchedulePayload(AdjustForDST: true),
            new TimerScheduleStatus(DateTimeOffset.MinValue, new DateTimeOffset(2025, 9, 2, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 9, 2, 0, 55, 0, 4, TimeSpan.Zero)),
            IsPastDue: true);

        using var document = JsonDocument.Parse(Write(timer));

        Assert.Equal(timer, TimerInfoPayload.FromJson(document.RootElement));
    }

    [Fact]
    public void Timer_without_status_is_written_with_pascal_case_keys_and_a_null_status()
    {
        var json = Write(new TimerInfoPayload(new TimerSchedulePayload(AdjustForDST: true), ScheduleStatus: null, IsPastDue: false));

        Assert.Equal("""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""", json);
    }

    [Fact]
    public void Timer_sent_as_a_json_encoded_string_is_accepted()
    {
        using var document = JsonDocument.Parse("\"{\\\"Schedule\\\":{\\\"AdjustForDST\\\":true},\\\"ScheduleStatus\\\":null,\\\"IsPastDue\\\":true}\"");

        Assert.True(TimerInfoPayload.FromJson(document.RootElement).IsPastDue);
    }

    private static string Write(TimerInfoPayload timer)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            timer.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
