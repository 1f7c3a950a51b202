namespace GiamNgheo.Cli.Tests;

public class WorkdaysCommandTests
{
    [Fact]
    public void Prints_the_last_day_of_a_posting_that_spans_Quoc_khanh()
    {
        var run = CliRun.Of("workdays", "--from", "2025-08-29", "--days", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("2025-09-04" + Environment.NewLine, run.Output);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("2025-09-03", "1", "2025-09-03")] // the start counts when it is a working day
    [InlineData("2025-09-06", "1", "2025-09-08")] // a Saturday start begins on Monday
    [InlineData("2025-12-31", "3", "2026-01-06")] // across the year end and the swapped 2/1/2026
    [InlineData("2025-09-07", "0", "2025-09-07")]
    public void Counts_working_days_from_the_start(string from, string days, string expected)
    {
        var run = CliRun.Of("workdays", "--from", from, "--days", days);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Output.Trim());
    }

    [Fact]
    public void Warns_on_stderr_when_the_result_rests_on_unconfirmed_days()
    {
        var run = CliRun.Of("workdays", "--from", "2027-02-03", "--days", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("2027-02-11", run.Output.Trim());
        Assert.Contains("Cảnh báo: kết quả dựa trên ngày 2027-02-06", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("29/08/2025", "3", "--from phải là một ngày dạng YYYY-MM-DD")]
    [InlineData("2025-02-30", "3", "--from phải là một ngày dạng YYYY-MM-DD")]
    [InlineData("2025-08-29", "-1", "--days phải là một số nguyên từ 0 trở lên")]
    [InlineData("2025-08-29", "ba", "--days phải là một số nguyên từ 0 trở lên")]
    [InlineData("2028-01-03", "3", "Chưa có lịch ngày nghỉ của năm 2028")]
    [InlineData("2027-12-30", "3", "Chưa có lịch ngày nghỉ của năm 2028")]
    public void Bad_input_is_refused_in_Vietnamese_with_exit_code_2(string from, string days, string expected)
    {
        var run = CliRun.Of("workdays", "--from", from, "--days", days);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_option_is_wrong_usage()
    {
        var run = CliRun.Of("workdays", "--from", "2025-08-29");

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Help_states_that_the_start_day_counts()
    {
        var run = CliRun.Of("workdays", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("tính cả ngày --from nếu đó là ngày làm việc", run.Output, StringComparison.Ordinal);
    }
}
