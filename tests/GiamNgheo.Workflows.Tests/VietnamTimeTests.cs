using GiamNgheo.Workflows;

namespace GiamNgheo.Workflows.Tests;

public sealed class VietnamTimeTests
{
    [Fact]
    public void Eight_in_the_morning_in_Vietnam_is_one_in_the_morning_UTC()
    {
        var at = VietnamTime.At(new DateOnly(2021, 6, 10), new TimeOnly(8, 0));

        Assert.Equal(new DateTimeOffset(2021, 6, 10, 1, 0, 0, TimeSpan.Zero), at.ToUniversalTime());
    }

    [Fact]
    public void A_report_at_23_59_local_is_still_on_the_due_day_and_at_midnight_it_is_not()
    {
        var due = new DateOnly(2021, 6, 10);
        var end = VietnamTime.EndOf(due);

        Assert.Equal(due, VietnamTime.DateOf(end.AddTicks(-1)));
        Assert.Equal(due.AddDays(1), VietnamTime.DateOf(end));
        Assert.Equal(new DateTimeOffset(2021, 6, 10, 17, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
    }
}
