using System.Globalization;

namespace GiamNgheo.Surveys.Template;

/// <summary>Numbers written the Vietnamese way ("1.500.000", "2,5") whatever the server's culture.</summary>
internal static class TemplateText
{
    private static readonly NumberFormatInfo Vietnamese = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    /// <summary>Groups thousands with dots, except four-digit numbers, so that years read "2025", not "2.025".</summary>
    public static string Number(decimal value) =>
        value.ToString(Math.Abs(value) < 10_000 ? "0.##" : "#,##0.##", Vietnamese);
}
