using System.CommandLine;
using System.Globalization;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Cli.Commands;

/// <summary><c>workdays --from YYYY-MM-DD --days N</c>: the last day of a period of N working days of state agencies.</summary>
/// <remarks>Same semantics as <see cref="WorkingDayCalendar.AddWorkingDays"/>, which the review's posting step (niêm yết) uses.
/// Both options are read as text so that a malformed value gets a Vietnamese error and exit code 2, like other bad input.</remarks>
internal static class WorkdaysCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "Ngày bắt đầu, dạng YYYY-MM-DD; là ngày thứ nhất của khoảng nếu là ngày làm việc.", Required = true };
        var days = new Option<string>("--days") { Description = "Số ngày làm việc N, số nguyên từ 0 trở lên (0: in lại ngày --from).", Required = true };
        var command = new Command(
            "workdays",
            "In ngày kết thúc (YYYY-MM-DD) của N ngày làm việc kể từ ngày --from, tính cả ngày --from nếu đó là ngày làm việc. "
            + "Ngày làm việc của cán bộ, công chức, viên chức: thứ Hai–thứ Sáu trừ ngày lễ, Tết, nghỉ bù, nghỉ hoán đổi, cộng các thứ Bảy làm bù. "
            + "Ví dụ: --from 2025-08-29 --days 3 in 2025-09-04.")
        {
            from,
            days,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(from), parse.GetRequiredValue(days), output, error));
        return command;
    }

    private static int Run(string fromText, string daysText, TextWriter output, TextWriter error)
    {
        if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            error.WriteLine($"Lỗi: --from phải là một ngày dạng YYYY-MM-DD, ví dụ 2025-08-29; nhận được '{fromText}'.");
            return CliApp.BadInput;
        }

        if (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            error.WriteLine($"Lỗi: --days phải là một số nguyên từ 0 trở lên; nhận được '{daysText}'.");
            return CliApp.BadInput;
        }

        var calendar = WorkingDayCalendar.Default;
        DateOnly end;
        try
        {
            end = calendar.AddWorkingDays(start, count);
        }
        catch (CalendarYearMissingException ex)
        {
            error.WriteLine($"Lỗi: {ex.Message}");
            return CliApp.BadInput;
        }

        // The date is still printed: a derived day (2027 before its announcement) is the best answer there is, but it may move.
        foreach (var day in calendar.UnconfirmedBetween(start, end))
            error.WriteLine($"Cảnh báo: kết quả dựa trên ngày {day.Date:yyyy-MM-dd} ({day.Name}) chưa được xác nhận: {day.Reason}");
        output.WriteLine(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return CliApp.Success;
    }
}
