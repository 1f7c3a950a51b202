using System.CommandLine;
using GiamNgheo.Access.Callers;
using GiamNgheo.Access.Tokens;

namespace GiamNgheo.Cli.Commands;

/// <summary><c>token --role ROLE --unit CODE[,CODE…] [--name NAME] [--email EMAIL] [--hours N] [--key-file FILE]</c>: prints a
/// bearer token of the development issuer, which only the local host accepts (ADR 0009).</summary>
internal static class TokenCommand
{
    private const int MaxHours = 24 * 30;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role") { Description = $"Vai trò: {string.Join(", ", RoleCodes.All.Select(r => r.Code()))}.", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Mã đơn vị, phân cách bằng dấu phẩy: tỉnh (2 chữ số), huyện trước 2025 (3), xã (5). Quản trị không cần." };
        var name = new Option<string?>("--name") { Description = "Tên hiển thị, ghi vào nhật ký." };
        var email = new Option<string?>("--email") { Description = "Địa chỉ email; cơ quan báo cáo được nhận diện theo email trong kế hoạch." };
        var hours = new Option<int>("--hours") { Description = $"Thời hạn của mã, tính bằng giờ (1–{MaxHours}).", DefaultValueFactory = _ => 12 };
        var keyFile = new Option<string?>("--key-file") { Description = "Tệp khoá của máy chủ cục bộ (mặc định: tệp chung của người dùng, như máy chủ cục bộ dùng)." };
        var command = new Command("token", "In mã truy cập (Bearer) cho máy chủ cục bộ với vai trò và đơn vị đã chọn. Mã này không dùng được trên Azure.")
        {
            role, unit, name, email, hours, keyFile,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(role), parse.GetValue(unit), parse.GetValue(name), parse.GetValue(email), parse.GetValue(hours), parse.GetValue(keyFile), output, error));
        return command;
    }

    private static int Run(string roleText, string? unitText, string? name, string? email, int hours, string? keyFile, TextWriter output, TextWriter error)
    {
        if (RoleCodes.FromCode(roleText) is not { } role)
        {
            error.WriteLine($"Lỗi: --role phải là một trong {string.Join(", ", RoleCodes.All.Select(r => r.Code()))}; nhận được '{roleText}'.");
            return CliApp.BadInput;
        }

        var units = (unitText ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (units.FirstOrDefault(u => u.Length is not (2 or 3 or 5) || !u.All(char.IsAsciiDigit)) is { } bad)
        {
            error.WriteLine($"Lỗi: mã đơn vị '{bad}' không hợp lệ: tỉnh 2 chữ số, huyện 3, xã 5.");
            return CliApp.BadInput;
        }

        if (units.Length == 0 && role != Role.Admin)
        {
            error.WriteLine($"Lỗi: vai trò {role.Code()} cần --unit (mã đơn vị được giao).");
            return CliApp.BadInput;
        }

        if (hours is < 1 or > MaxHours)
        {
            error.WriteLine($"Lỗi: --hours phải từ 1 đến {MaxHours}.");
            return CliApp.BadInput;
        }

        var issuer = DevelopmentTokens.Open(keyFile ?? DevelopmentTokens.DefaultKeyFile, TimeProvider.System);
        output.WriteLine(issuer.Issue([role], units, name, email, TimeSpan.FromHours(hours)));
        return CliApp.Success;
    }
}
