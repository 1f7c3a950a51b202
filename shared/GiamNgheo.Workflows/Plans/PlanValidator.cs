using System.Globalization;
using System.Net.Mail;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Workflows.Plans;

/// <summary>Checks a reporting plan against every rule, reporting each problem located by JSON path with a Vietnamese message.</summary>
/// <remarks>The one validator behind the JSON document, the xlsx form and the API: readers only map their input to a
/// <see cref="ReportingPlan"/> and report what cannot be mapped (a date that is no date), and this class says whether the
/// plan makes sense. Locations are JSON paths (<c>periods[1].due</c>); the form turns them into sheets, rows and columns.</remarks>
public static class PlanValidator
{
    private const int ShownValueLength = 60;

    /// <summary>Every problem of <paramref name="plan"/>; empty when the plan is valid.</summary>
    /// <param name="plan">The plan to check; null collections and strings count as empty.</param>
    /// <param name="units">The administrative units; <see cref="AdminUnitCatalog.Default"/> when null.</param>
    public static IReadOnlyList<PlanIssue> Validate(ReportingPlan plan, AdminUnitCatalog? units = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var check = new Checker(units ?? AdminUnitCatalog.Default);
        check.Plan(plan);
        return check.Issues;
    }

    /// <summary>A date as Vietnamese documents write it: 10/06/2021.</summary>
    internal static string Show(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A value quoted for a message, shortened so that a hostile 500-character value does not flood the answer.</summary>
    internal static string Show(string value) =>
        "\"" + (value.Length <= ShownValueLength ? value : string.Concat(value.AsSpan(0, ShownValueLength), "…")) + "\"";

    /// <summary>Whether <paramref name="email"/> is one plain address (no display name) whose domain has a dot.</summary>
    /// <remarks><see cref="MailAddress"/> accepts <c>a@localhost</c> and <c>"Tên" &lt;a@b.vn&gt;</c>; neither can be an
    /// agency's mailbox that a reminder should reach, so the address must be all there is and the domain must be qualified.</remarks>
    internal static bool IsEmail(string email)
    {
        if (email.Length > 254 || email.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(email, out var address))
            return false;
        var host = address.Host;
        return address.Address == email && address.DisplayName.Length == 0
            && host.Contains('.', StringComparison.Ordinal) && host[0] != '.' && host[^1] != '.' && !host.Contains("..", StringComparison.Ordinal);
    }

    private sealed class Checker(AdminUnitCatalog units)
    {
        private static readonly string DaysBeforePath = "reminders.daysBefore";
        private static readonly string EscalatePath = "reminders.escalateDaysAfter";

        public List<PlanIssue> Issues { get; } = [];

        public void Plan(ReportingPlan plan)
        {
            Key(plan.Id, "id", "Mã kế hoạch", "thanh-liem-2021");
            Text(plan.Title, "title", "Tên kế hoạch", required: true);
            Text(plan.Source, "source", "Nguồn (văn bản)", required: false);
            Text(plan.Note, "note", "Ghi chú", required: false);

            var year = Year(plan.Year);
            var unitCode = plan.UnitCode ?? "";
            AdminUnit? planUnit = null;
            DateOnly? unitDate = null;
            if (Text(unitCode, "unitCode", "Mã đơn vị", required: true) && year is { } y)
            {
                unitDate = PlanRules.UnitDate(y, unitCode);
                planUnit = Unit(unitCode, unitDate.Value, "unitCode");
            }

            var supervisor = plan.Supervisor ?? new PlanContact("", "");
            Key(supervisor.Id, "supervisor.id", "Mã nơi nhận báo cáo", "phong-ldtbxh");
            Text(supervisor.Name, "supervisor.name", "Tên đơn vị hoặc cán bộ nhận báo cáo", required: true);
            Contact(supervisor.Email, supervisor.Webhook, "supervisor");

            Reporters(plan.Reporters ?? [], supervisor.Id, planUnit, unitDate);
            Periods(plan.Periods ?? [], year);
            Reminders(plan.Reminders ?? ReminderPolicy.Default);
            Targets(plan.Targets ?? []);
        }

        private void Add(string location, string message) => Issues.Add(new PlanIssue(location, message));

        private ReviewYear? Year(int value)
        {
            if (ReviewYear.TryCreate(value, out var year))
                return year;
            Add("year", $"Năm kế hoạch {value} không hợp lệ: năm phải từ {ReviewYear.First} đến {ReviewYear.Last}.");
            return null;
        }

        /// <summary>Checks a required text; true when it is present (and so worth checking further).</summary>
        private bool Text(string? value, string path, string label, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                    Add(path, $"{label} không được để trống.");
                return false;
            }

            if (value.Length > PlanRules.MaxTextLength)
            {
                Add(path, $"{label} dài {value.Length} ký tự; tối đa {PlanRules.MaxTextLength} ký tự.");
                return false;
            }

            return true;
        }

        private bool Key(string? value, string path, string label, string example)
        {
            if (string.IsNullOrEmpty(value))
            {
                Add(path, $"{label} không được để trống.");
                return false;
            }

            if (value.Length > PlanRules.MaxIdLength)
            {
                Add(path, $"{label} dài {value.Length} ký tự; tối đa {PlanRules.MaxIdLength} ký tự.");
                return false;
            }

            if (!PlanRules.IsKey(value))
            {
                Add(path, $"{label} {Show(value)} không hợp lệ: chỉ dùng chữ thường không dấu (a–z), chữ số và dấu gạch ngang " +
                    $"nối giữa các nhóm, ví dụ \"{example}\".");
                return false;
            }

            return true;
        }

        private AdminUnit? Unit(string code, DateOnly on, string path)
        {
            if (!code.All(char.IsAsciiDigit) || code.Length is not (2 or 3 or 5))
            {
                Add(path, $"Mã đơn vị {Show(code)} không hợp lệ: mã tỉnh có 2 chữ số, mã huyện 3 chữ số (chỉ trước 01/07/2025), mã xã 5 chữ số.");
                return null;
            }

            switch (code.Length)
            {
                case 2:
                    return units.FindProvince(code, on) ?? Missing("tỉnh");
                case 3 when AdminUnitCatalog.IsTwoTier(on):
                    Add(path, $"Mã huyện \"{code}\" không dùng được cho ngày {Show(on)}: từ 01/07/2025 không còn cấp huyện; hãy dùng mã tỉnh hoặc mã xã.");
                    return null;
                case 3:
                    return units.FindDistrict(code, on) ?? Missing("huyện");
                default:
                    var commune = units.FindCommune(code, on);
                    if (commune is { ViaAlias: true })
                    {
                        Add(path, $"Mã xã \"{code}\" là cách ghi khác của mã {commune.Unit.Code} ({commune.Unit.Name}); hãy dùng mã {commune.Unit.Code}.");
                        return null;
                    }

                    return commune?.Unit ?? Missing("xã");
            }

            AdminUnit? Missing(string level)
            {
                Add(path, $"Không có {level} mã \"{code}\" trong danh mục đơn vị hành chính ngày {Show(on)}.");
                return null;
            }
        }

        private void Contact(string? email, string? webhook, string prefix)
        {
            var hasEmail = !string.IsNullOrWhiteSpace(email);
            var hasWebhook = !string.IsNullOrWhiteSpace(webhook);
            if (!hasEmail && !hasWebhook)
            {
                Add(prefix + ".email", "Cần ít nhất một địa chỉ nhận nhắc việc: email hoặc webhook.");
                return;
            }

            if (hasEmail && Text(email, prefix + ".email", "Email", required: true) && !IsEmail(email!))
                Add(prefix + ".email", $"Email {Show(email!)} không hợp lệ: cần một địa chỉ dạng ten@donvi.gov.vn.");
            if (hasWebhook && Text(webhook, prefix + ".webhook", "Webhook", required: true))
                Webhook(webhook!, prefix + ".webhook");
        }

        private void Webhook(string webhook, string path)
        {
            if (!Uri.TryCreate(webhook, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                Add(path, $"Webhook {Show(webhook)} phải là một địa chỉ đầy đủ bắt đầu bằng https://.");
                return;
            }

            // Reminders name who is late; over plain http anyone on the way reads them, and the signature does not hide them.
            // A receiver on this machine (a developer's test relay) has no one on the way, so loopback may use http.
            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
                Add(path, $"Webhook {Show(webhook)} phải dùng https://; http:// chỉ được dùng với localhost hoặc 127.0.0.1 khi thử nghiệm.");
            if (uri.UserInfo.Length > 0)
                Add(path, "Webhook không được chứa tên đăng nhập hoặc mật khẩu trong địa chỉ.");
        }

        private void Reporters(IReadOnlyList<PlanReporter> reporters, string? supervisorId, AdminUnit? planUnit, DateOnly? unitDate)
        {
            if (reporters.Count == 0)
                Add("reporters", "Kế hoạch phải có ít nhất một đơn vị báo cáo.");
            else if (reporters.Count > PlanRules.MaxReporters)
                Add("reporters", $"Kế hoạch có {reporters.Count} đơn vị báo cáo; tối đa {PlanRules.MaxReporters}.");

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(reporters.Count, PlanRules.MaxReporters); i++)
            {
                var reporter = reporters[i] ?? new PlanReporter("", "");
                var path = $"reporters[{i}]";
                if (Key(reporter.Id, path + ".id", "Mã đơn vị báo cáo", "phong-y-te"))
                {
                    if (reporter.Id == supervisorId)
                        Add(path + ".id", $"Mã \"{reporter.Id}\" trùng với mã nơi nhận báo cáo; mỗi bên cần một mã riêng.");
                    else if (!seen.Add(reporter.Id))
                        Add(path + ".id", $"Mã \"{reporter.Id}\" bị trùng: mỗi đơn vị báo cáo cần một mã riêng.");
                }

                Text(reporter.Name, path + ".name", "Tên đơn vị báo cáo", required: true);
                Contact(reporter.Email, reporter.Webhook, path);
                if (Text(reporter.UnitCode, path + ".unitCode", "Mã đơn vị hành chính", required: false) && unitDate is { } on
                    && Unit(reporter.UnitCode!, on, path + ".unitCode") is { } unit && planUnit is not null && !Within(unit, planUnit))
                {
                    Add(path + ".unitCode", $"{unit.Name} (mã {unit.Code}) không thuộc {planUnit.Name} (mã {planUnit.Code}), đơn vị ban hành kế hoạch.");
                }

                if (reporter is { ActiveFrom: { } from, ActiveUntil: { } until } && from > until)
                    Add(path + ".activeUntil", $"Ngày thôi báo cáo {Show(until)} trước ngày bắt đầu báo cáo {Show(from)}.");
            }
        }

        private static bool Within(AdminUnit unit, AdminUnit planUnit) => planUnit.Level switch
        {
            AdminLevel.Province => unit.ProvinceCode == planUnit.Code,
            AdminLevel.District => unit.Code == planUnit.Code || (unit.Level == AdminLevel.Commune && unit.DistrictCode == planUnit.Code),
            _ => unit.Level == AdminLevel.Commune && unit.Code == planUnit.Code,
        };

        private void Periods(IReadOnlyList<PlanPeriod> periods, ReviewYear? year)
        {
            if (periods.Count == 0)
                Add("periods", "Kế hoạch phải có ít nhất một kỳ báo cáo.");
            else if (periods.Count > PlanRules.MaxPeriods)
                Add("periods", $"Kế hoạch có {periods.Count} kỳ báo cáo; tối đa {PlanRules.MaxPeriods}.");

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(periods.Count, PlanRules.MaxPeriods); i++)
            {
                var period = periods[i] ?? new PlanPeriod("", "", default);
                var path = $"periods[{i}]";
                if (Key(period.Id, path + ".id", "Mã kỳ báo cáo", "6-thang") && !seen.Add(period.Id))
                    Add(path + ".id", $"Mã kỳ \"{period.Id}\" bị trùng: mỗi kỳ báo cáo cần một mã riêng.");
                Text(period.Label, path + ".label", "Tên kỳ báo cáo", required: true);
                if (year is { Value: var y } && (period.Due < PlanRules.FirstDue(y) || period.Due > PlanRules.LastDue(y)))
                {
                    Add(path + ".due", $"Hạn nộp {Show(period.Due)} nằm ngoài năm kế hoạch: hạn phải từ {Show(PlanRules.FirstDue(y))} " +
                        $"đến {Show(PlanRules.LastDue(y))} (báo cáo năm có thể có hạn trong quý I năm sau).");
                }
            }
        }

        private void Reminders(ReminderPolicy policy)
        {
            Days(policy.DaysBefore ?? [], DaysBeforePath, 0, "trước hạn");
            // An overdue notice on the due day itself would go out before the deadline has passed (reports count until the end of that day).
            Days(policy.EscalateDaysAfter ?? [], EscalatePath, 1, "sau hạn");
            if (policy.TimeOfDay.Second != 0 || policy.TimeOfDay.Millisecond != 0 || policy.TimeOfDay.Microsecond != 0)
                Add("reminders.timeOfDay", "Giờ gửi nhắc phải tròn phút, dạng HH:mm, ví dụ \"08:00\".");
        }

        private void Days(IReadOnlyList<int> days, string path, int min, string when)
        {
            var seen = new HashSet<int>();
            for (var i = 0; i < days.Count; i++)
            {
                var day = days[i];
                if (day < min || day > PlanRules.MaxReminderDays)
                    Add($"{path}[{i}]", $"Số ngày nhắc {when} {day} không hợp lệ: phải là số nguyên từ {min} đến {PlanRules.MaxReminderDays}.");
                else if (!seen.Add(day))
                    Add($"{path}[{i}]", $"Số ngày nhắc {when} {day} bị lặp; mỗi số chỉ ghi một lần.");
            }
        }

        private void Targets(IReadOnlyList<PlanTarget> targets)
        {
            if (targets.Count > PlanRules.MaxTargets)
                Add("targets", $"Kế hoạch có {targets.Count} chỉ tiêu; tối đa {PlanRules.MaxTargets}.");

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(targets.Count, PlanRules.MaxTargets); i++)
            {
                var target = targets[i] ?? new PlanTarget("", "", "", 0, "");
                var path = $"targets[{i}]";
                if (Key(target.Id, path + ".id", "Mã chỉ tiêu", "giam-ty-le-ho-ngheo") && !seen.Add(target.Id))
                    Add(path + ".id", $"Mã chỉ tiêu \"{target.Id}\" bị trùng: mỗi chỉ tiêu cần một mã riêng.");
                Text(target.Label, path + ".label", "Tên chỉ tiêu", required: true);
                Text(target.Measure, path + ".measure", "Nội dung đo của chỉ tiêu", required: true);
                Value(target.Value, target.Unit, path + ".value");
                if (!PlanRules.IsTargetUnit(target.Unit))
                {
                    Add(path + ".unit", $"Đơn vị tính {Show(target.Unit ?? "")} không hợp lệ: chọn một trong " +
                        string.Join(", ", PlanRules.TargetUnits.Select(u => u.Code)) + ".");
                }
                else if (TargetMeasures.Find(target.Measure) is { } measure && measure.Unit != target.Unit)
                {
                    Add(path + ".unit", $"Chỉ tiêu \"{measure.Code}\" ({measure.Name}) tính bằng {measure.Unit}, không phải {target.Unit}.");
                }

                Base(target, path + ".base");
            }
        }

        private void Base(PlanTarget target, string path)
        {
            if (target.Base is not { } households)
                return;
            if (target.Unit is not ("%" or "diem-phan-tram"))
                Add(path, $"Mẫu số (base) chỉ dùng cho chỉ tiêu tỷ lệ (% hoặc diem-phan-tram); chỉ tiêu này tính bằng {Show(target.Unit ?? "")}.");
            else if (households < 1 || households > PlanRules.MaxTargetValue || households != decimal.Truncate(households))
                Add(path, $"Mẫu số {households.ToString(CultureInfo.InvariantCulture)} không hợp lệ: phải là số hộ, một số nguyên từ 1 đến 1.000.000.000.");
        }

        private void Value(decimal value, string? unit, string path)
        {
            if (Math.Abs(value) > PlanRules.MaxTargetValue)
                Add(path, $"Giá trị chỉ tiêu {value.ToString(CultureInfo.InvariantCulture)} quá lớn: trị tuyệt đối tối đa 1.000.000.000.");
            else if (value.Scale > PlanRules.MaxTargetDecimals && value != Math.Round(value, PlanRules.MaxTargetDecimals))
                Add(path, $"Giá trị chỉ tiêu {value.ToString(CultureInfo.InvariantCulture)} có quá nhiều chữ số thập phân: tối đa {PlanRules.MaxTargetDecimals}.");
            else if (unit == "%" && value is < 0 or > 100)
                Add(path, $"Tỷ lệ {value.ToString(CultureInfo.InvariantCulture)} % không hợp lệ: một tỷ lệ phần trăm phải từ 0 đến 100.");
        }
    }
}
