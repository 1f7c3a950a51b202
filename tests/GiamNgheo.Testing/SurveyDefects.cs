using System.IO.Compression;
using System.Text;

namespace GiamNgheo.Testing;

/// <summary>Officers' mistakes put into a valid survey, so that tests of the pipeline and of the web app refuse the same file.</summary>
public static class SurveyDefects
{
    /// <summary>The CSV-zip survey with the household size (<c>so_nhan_khau</c>) of one row of <c>ho.csv</c> replaced, as a
    /// typo would (row 1 is the header).</summary>
    public static byte[] BreakHouseholdSize(byte[] zip, int row, string value)
    {
        using var memory = new MemoryStream();
        memory.Write(zip);
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry("ho.csv") ?? throw new InvalidOperationException("No ho.csv in the zip.");
            string text;
            using (var reader = new StreamReader(entry.Open()))
                text = reader.ReadToEnd();
            var lines = text.Split("\r\n");
            var column = Array.IndexOf(lines[0].TrimStart('\uFEFF').Split(','), "so_nhan_khau");
            var cells = lines[row - 1].Split(',');
            cells[column] = value;
            lines[row - 1] = string.Join(',', cells);
            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("ho.csv").Open(), new UTF8Encoding(true));
            writer.Write(string.Join("\r\n", lines));
        }

        return memory.ToArray();
    }
}
