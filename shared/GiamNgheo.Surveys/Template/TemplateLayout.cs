using GiamNgheo.Rules.AdminUnits;
using ClosedXML.Excel;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Template;

/// <summary>Which columns the template of a review year shows, how their headers read and how wide they are.</summary>
internal static class TemplateLayout
{
    /// <summary>Name of the instructions sheet; the reader ignores sheets it does not know.</summary>
    public const string InstructionsSheet = "huong_dan";

    /// <summary>Last row that carries validation and formats: enough for a large commune without bloating the file.</summary>
    public const int LastDataRow = 50_001;

    /// <summary>Marks required columns in the header; "Nhãn * (khoa)" still resolves by the key in the last parentheses.</summary>
    public const string RequiredMark = " *";

    /// <summary>Height of one line of the default 11-point font, in points.</summary>
    public const double PointsPerLine = 15;

    private const string IndicatorFlagPrefix = "tt_";

    public static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    public static readonly XLColor RequiredHeaderFill = XLColor.FromHtml("#F8CBAD");

    /// <summary>The sheets to fill in, in file order, with the <c>ho</c> sheet cut down to the indicators of the standard.</summary>
    public static IReadOnlyList<SurveySheet> SheetsFor(PovertyStandard standard, int year) =>
        [InfoFor(year), HouseholdsFor(standard), SurveySchema.Members];

    /// <summary>The header cell text: the label (with the required mark) and the key the reader resolves it by.</summary>
    public static string HeaderText(SurveyColumn column) =>
        column.Required ? $"{column.Label}{RequiredMark} ({column.Key})" : column.HeaderText;

    /// <summary>A column width in characters that fits the values officers type or pick and the key unbroken,
    /// letting the header wrap to about three lines.</summary>
    public static double Width(SurveyColumn column)
    {
        var values = column.Kind switch
        {
            ColumnKind.Code => column.Codes?.Max(c => c.Code.Length) ?? 0,
            ColumnKind.Digits => column.DigitCount,
            ColumnKind.Text => 20,
            ColumnKind.Money => 14,
            _ => 0,
        };
        return Math.Clamp(Math.Max(Math.Max(values, column.Key.Length + 2), HeaderText(column).Length / 3.0) + 2, 12, 32);
    }

    /// <summary>Lines a text takes when wrapped at word boundaries in a column of so many characters.</summary>
    /// <remarks>ClosedXML cannot measure text on Linux, and Excel does not grow merged rows to fit, so heights are estimated:
    /// counting one character per width unit (less the cell padding) errs towards a line too many, since text averages
    /// narrower than the digit the unit is based on.</remarks>
    public static int EstimatedLines(string text, double width)
    {
        var perLine = Math.Max(1, (int)width - 2);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            var used = 0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var needed = used == 0 ? word.Length : used + 1 + word.Length;
                if (needed <= perLine)
                {
                    used = needed;
                    continue;
                }

                // The word starts a new line; one longer than a line is broken across as many lines as it needs.
                lines += used == 0 ? 0 : 1;
                lines += (word.Length - 1) / perLine;
                used = (word.Length - 1) % perLine + 1;
            }
        }

        return lines;
    }

    /// <summary>The bounds the reader enforces, so Excel stops at typing time what the upload would reject.</summary>
    /// <remarks>Fixed bounds come from the schema; the two year-dependent ones mirror <c>SurveyScorer</c>.</remarks>
    public static (int Min, int Max) WholeNumberRange(SurveyColumn column, int year) => column.Key switch
    {
        "nam" => (year, year),
        "nam_sinh" => (year - 120, year),
        _ => ((int)Math.Clamp(column.Min, 0, int.MaxValue), (int)Math.Clamp(column.Max, 0, int.MaxValue)),
    };

    private static SurveySheet HouseholdsFor(PovertyStandard standard)
    {
        var all = SurveySchema.Households.Columns;
        var flagsByKey = all.Where(IsIndicatorFlag).ToDictionary(c => c.Key, StringComparer.Ordinal);
        // A flag the schema lacks would be dropped by the reader as an unknown column, so the template must not offer it.
        var used = standard.Indicators
            .Select(i => flagsByKey.GetValueOrDefault(i.FlagColumn)
                ?? throw new InvalidOperationException($"Standard {standard.Id} uses indicator '{i.Key}', but the survey schema has no column {i.FlagColumn}."))
            .ToList();
        var firstFlag = all.ToList().FindIndex(IsIndicatorFlag);
        var columns = all.Take(firstFlag).Concat(used).Concat(all.Skip(firstFlag).Where(c => !IsIndicatorFlag(c)))
            .Where(c => c.Key switch
            {
                // Offer only what the year's standard reads: a B1-only row cannot be scored without a B1 threshold.
                "diem_b1" => standard.B1Threshold is not null,
                "nlndn" => standard.MiddleLiving is not null,
                _ => true,
            })
            .ToList();
        return SurveySchema.Households with { Columns = columns };
    }

    private static SurveySheet InfoFor(int year) =>
        // Units are resolved on 1 September of the review year, so from 2025 there is no district to give.
        AdminUnitCatalog.IsTwoTier(new DateOnly(year, 9, 1))
            ? SurveySchema.Info with { Columns = [.. SurveySchema.Info.Columns.Where(c => c.Key != "ma_huyen")] }
            : SurveySchema.Info;

    private static bool IsIndicatorFlag(SurveyColumn column) => column.Key.StartsWith(IndicatorFlagPrefix, StringComparison.Ordinal);
}
