using GiamNgheo.Synthetic;

namespace GiamNgheo.Synthetic.Tests;

public class CsvSurveyWriterTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn An")]
    [InlineData("Thôn 1, xã A", "\"Thôn 1, xã A\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_as_rfc_4180_requires(string text, string expected)
    {
        var writer = new StringWriter();

        CsvSurveyWriter.WriteField(writer, text);

        Assert.Equal(expected, writer.ToString());
    }
}
