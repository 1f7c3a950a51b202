using System.Text.RegularExpressions;

namespace GiamNgheo.Packaging.Tests;

/// <summary>Just enough reading of a Bicep file for the tests: comments stripped, the app settings block, parameter names.</summary>
internal sealed partial class BicepTemplate
{
    private BicepTemplate(string path, string code)
    {
        Path = path;
        Code = code;
    }

    public string Path { get; }

    /// <summary>The file without comments (string literals kept).</summary>
    public string Code { get; }

    public static BicepTemplate Load(string path) => new(path, StripComments(File.ReadAllText(path)));

    /// <summary>The <c>name</c> of every object in the <c>appSettings: [ ... ]</c> array.</summary>
    public IReadOnlyList<string> AppSettingNames() => AppSettings().Keys.ToList();

    /// <summary>Every app setting: its name and the Bicep expression of its value (what follows <c>value:</c>), in template order.</summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var start = Code.IndexOf("appSettings: [", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Path} has no 'appSettings: [' block");
        var open = Code.IndexOf('[', start);
        var block = Code[open..MatchingBracket(Code, open)];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in SettingNameAndValue().Matches(block))
        {
            Assert.True(settings.TryAdd(match.Groups[1].Value, match.Groups[2].Value.Trim()), $"{Path} sets '{match.Groups[1].Value}' twice");
        }

        Assert.Equal(SettingName().Count(block), settings.Count);
        return settings;
    }

    /// <summary>The expression a single-line <c>var</c> declaration assigns.</summary>
    public string Variable(string name)
    {
        var match = Regex.Match(Code, @"^\s*var\s+" + Regex.Escape(name) + @"\s*=\s*(.+?)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{Path} declares no 'var {name}'");
        return match.Groups[1].Value;
    }

    /// <summary>Names declared with <c>param</c>.</summary>
    public IReadOnlyList<string> ParameterNames() =>
        ParamDeclaration().Matches(Code).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Whether the code (not a comment) holds the single-quoted literal <paramref name="value"/>.</summary>
    public bool HasLiteral(string value) => Code.Contains("'" + value + "'", StringComparison.Ordinal);

    private static int MatchingBracket(string code, int open)
    {
        var kinds = Classify(code);
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            if (kinds[i] != CharKind.Code)
            {
                continue;
            }

            if (code[i] == '[')
            {
                depth++;
            }
            else if (code[i] == ']' && --depth == 0)
            {
                return i;
            }
        }

        throw new InvalidDataException("Unbalanced brackets.");
    }

    private static string StripComments(string text)
    {
        var kinds = Classify(text);
        var result = text.ToCharArray();
        for (var i = 0; i < result.Length; i++)
        {
            if (kinds[i] == CharKind.Comment && result[i] != '\n')
            {
                result[i] = ' ';
            }
        }

        return new string(result);
    }

    /// <summary>Marks each character as code, string literal or comment; <c>${...}</c> inside a string is code.</summary>
    private static CharKind[] Classify(string text)
    {
        var kinds = new CharKind[text.Length];
        // Each open string or interpolation; an interpolation counts the braces opened inside it.
        var stack = new Stack<(bool InString, int Braces)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var inString = stack.Count > 0 && stack.Peek().InString;
            if (inString)
            {
                kinds[i] = CharKind.String;
                if (c == '\\')
                {
                    if (i + 1 < text.Length)
                    {
                        kinds[i + 1] = CharKind.String;
                    }

                    i += 2;
                    continue;
                }

                if (c == '\'')
                {
                    stack.Pop();
                }
                else if (c == '$' && next == '{')
                {
                    kinds[i + 1] = CharKind.String;
                    stack.Push((false, 0));
                    i += 2;
                    continue;
                }

                i++;
                continue;
            }

            if (c == '/' && next == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    kinds[i++] = CharKind.Comment;
                }

                continue;
            }

            if (c == '/' && next == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? text.Length : end + 2;
                while (i < stop)
                {
                    kinds[i++] = CharKind.Comment;
                }

                continue;
            }

            kinds[i] = CharKind.Code;
            if (c == '\'')
            {
                kinds[i] = CharKind.String;
                stack.Push((true, 0));
            }
            else if (c == '{' && stack.Count > 0)
            {
                var top = stack.Pop();
                stack.Push((false, top.Braces + 1));
            }
            else if (c == '}' && stack.Count > 0)
            {
                var top = stack.Pop();
                if (top.Braces == 0)
                {
                    kinds[i] = CharKind.String; // closes the interpolation: back in the string
                }
                else
                {
                    stack.Push((false, top.Braces - 1));
                }
            }

            i++;
        }

        return kinds;
    }

    [GeneratedRegex(@"\bname:\s*'([^']+)'")]
    private static partial Regex SettingName();

    // An app setting is written as an object with name first and value next: { name: '...' value: ... }.
    [GeneratedRegex(@"\bname:\s*'([^']+)'\s*value:\s*([^\n]+)")]
    private static partial Regex SettingNameAndValue();

    [GeneratedRegex(@"^\s*param\s+(\w+)\s", RegexOptions.Multiline)]
    private static partial Regex ParamDeclaration();

    private enum CharKind
    {
        Code,
        String,
        Comment,
    }
}
