using System.Text.RegularExpressions;

namespace GiamNgheo.Packaging.Tests;

/// <summary>infra/README.md as the tests read it: the one list of settings only the host, the platform or an extension reads.</summary>
internal static partial class InfraReadme
{
    /// <summary>The heading the host-only settings table stands under.</summary>
    public const string HostOnlySettingsHeading = "### Settings only the host, the platform or an extension reads";

    /// <summary>One row of the host-only settings table.</summary>
    /// <param name="Name">The setting name (first column, in backticks).</param>
    /// <param name="ReadBy">Who reads it.</param>
    /// <param name="Why">Why the template sets it.</param>
    public sealed record HostOnlySetting(string Name, string ReadBy, string Why);

    public static string Path(string root) => System.IO.Path.Combine(root, "infra", "README.md");

    public static string Text(string root) => File.ReadAllText(Path(root));

    /// <summary>The rows of the table right under <see cref="HostOnlySettingsHeading"/> (columns: setting, value, read by, why).</summary>
    public static IReadOnlyList<HostOnlySetting> HostOnlySettings(string root)
    {
        var lines = File.ReadAllLines(Path(root));
        var heading = Array.FindIndex(lines, l => l.Trim() == HostOnlySettingsHeading);
        Assert.True(heading >= 0, $"infra/README.md has no heading '{HostOnlySettingsHeading}'");

        var rows = new List<HostOnlySetting>();
        var inTable = false;
        for (var i = heading + 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#'))
            {
                break;
            }

            if (!line.StartsWith('|'))
            {
                if (inTable)
                {
                    break;
                }

                continue;
            }

            inTable = true;
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (TableRule().IsMatch(line) || cells[0] == "setting")
            {
                continue;
            }

            Assert.True(cells.Length == 4, $"infra/README.md host-only settings row needs 4 columns: {line}");
            var name = SettingCell().Match(cells[0]);
            Assert.True(name.Success, $"infra/README.md host-only settings row must start with the setting in backticks: {line}");
            rows.Add(new HostOnlySetting(name.Groups[1].Value, cells[2], cells[3]));
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    [GeneratedRegex(@"^\|[\s\-|:]+\|$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^`([^`]+)`$")]
    private static partial Regex SettingCell();
}
