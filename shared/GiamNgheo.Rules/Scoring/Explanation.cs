using System.Globalization;
using System.Text;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Scoring;

/// <summary>Writes a classification as a Vietnamese sentence a commune officer can read out at the village meeting.</summary>
public static class Explanation
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The Vietnamese name of an area.</summary>
    public static string AreaLabel(AreaType area) => area == AreaType.Urban ? "thành thị" : "nông thôn";

    /// <summary>The stable code of an area, as in the survey file.</summary>
    public static string AreaCode(AreaType area) => area == AreaType.Urban ? "thanh_thi" : "nong_thon";

    /// <summary>The stable code of an indicator source: <c>khai</c>, <c>suy_ra</c> or <c>mac_dinh</c>.</summary>
    public static string SourceCode(IndicatorSource source) => source switch
    {
        IndicatorSource.Flag => "khai",
        IndicatorSource.Derived => "suy_ra",
        _ => "mac_dinh",
    };

    /// <summary>Describes the classification: standard, income test, each deprived indicator and its source, and the class.</summary>
    public static string Describe(Classification c, AreaType area)
    {
        var text = new StringBuilder(256);
        var test = c.IncomeTest;
        text.Append(CultureInfo.InvariantCulture, $"Chuẩn {c.Standard.Id} ({AreaLabel(area)}). ");
        text.Append(test.Kind == IncomeTestKind.B1Points ? "Điểm B1 " : "Thu nhập bình quân ")
            .Append(Number(test.Value))
            .Append(test.Passed ? " ≤ " : " > ")
            .Append(Number(test.Threshold))
            .Append(test.Kind == IncomeTestKind.B1Points ? " điểm" : " đồng/người/tháng")
            .Append(test.Passed ? ": dưới chuẩn thu nhập. " : ": trên chuẩn thu nhập. ");
        text.Append(CultureInfo.InvariantCulture, $"Thiếu hụt {c.DeprivationCount}/{c.Indicators.Count} chỉ số (điểm B2 = {c.B2Score}; hộ nghèo khi từ {c.Standard.DeprivationCutoff.Value} chỉ số)");
        var first = true;
        foreach (var outcome in c.Deprived)
        {
            text.Append(first ? ": " : "; ");
            first = false;
            text.Append(outcome.Indicator.Name).Append(" (");
            text.Append(outcome.Source == IndicatorSource.Flag ? $"khai {outcome.Indicator.FlagColumn} = 1" : $"suy ra: {outcome.Reason}");
            text.Append(')');
        }

        text.Append(". ");
        if (c.MiddleLivingNote is not null)
            text.Append("Hộ NLNDN: ").Append(c.MiddleLivingNote).Append(". ");
        text.Append("Kết quả: ").Append(c.Class.Label()).Append('.');
        return text.ToString();
    }

    private static string Number(decimal value) => value.ToString("#,##0.##", Vi);
}
