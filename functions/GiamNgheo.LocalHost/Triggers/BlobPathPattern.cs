using System.Text;
using System.Text.RegularExpressions;

namespace GiamNgheo.LocalHost.Triggers;

/// <summary>
/// A blob trigger path such as <c>surveys/{year}/{communeCode}/{name}</c>: the container, then a blob name pattern.
/// Matching copies the host's binding templates: every <c>{token}</c> is a greedy <c>.*</c> (it may span slashes),
/// <c>{{</c> and <c>}}</c> are literal braces, and the whole name must match.
/// </summary>
internal sealed partial class BlobPathPattern
{
    private readonly Regex _regex;

    private BlobPathPattern(string container, string prefix, IReadOnlyList<string> tokens, Regex regex)
    {
        Container = container;
        Prefix = prefix;
        Tokens = tokens;
        _regex = regex;
    }

    /// <summary>Container to watch.</summary>
    public string Container { get; }

    /// <summary>Literal start of the blob name, used as the listing prefix.</summary>
    public string Prefix { get; }

    /// <summary>Token names in order of appearance.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Parses a function.json blob <c>path</c>.</summary>
    /// <param name="path">Container, optionally followed by <c>/</c> and a blob name pattern.</param>
    /// <exception cref="FormatException">The container is empty or holds a token, a brace is unbalanced, or a token name is not an identifier.</exception>
    public static BlobPathPattern Parse(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? path : path[..slash];
        var namePattern = slash < 0 ? "" : path[(slash + 1)..];
        if (container.Length == 0 || container.AsSpan().IndexOfAny('{', '}') >= 0)
            throw new FormatException($"blob path '{path}' must start with a fixed container name");

        var regex = new StringBuilder("^");
        var prefix = new StringBuilder();
        var tokens = new List<string>();
        for (var i = 0; i < namePattern.Length; i++)
        {
            var c = namePattern[i];
            if ((c == '{' || c == '}') && i + 1 < namePattern.Length && namePattern[i + 1] == c)
            {
                AppendLiteral(c.ToString(), regex, prefix, tokens.Count == 0);
                i++;
            }
            else if (c == '{')
            {
                var end = namePattern.IndexOf('}', i + 1);
                var token = end < 0 ? "" : namePattern[(i + 1)..end];
                if (!TokenName().IsMatch(token))
                    throw new FormatException($"blob path '{path}' has an invalid token at position {slash + 1 + i}");

                tokens.Add(token);
                regex.Append("(?<").Append(token).Append(">.*)");
                i = end;
            }
            else if (c == '}')
            {
                throw new FormatException($"blob path '{path}' has an unmatched '}}' at position {slash + 1 + i}");
            }
            else
            {
                AppendLiteral(c.ToString(), regex, prefix, tokens.Count == 0);
            }
        }

        // A bare container (or "container/") triggers on every blob, as in the host.
        if (namePattern.Length == 0)
            regex.Append(".*");

        regex.Append('$');
        var compiled = new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        return new BlobPathPattern(container, prefix.ToString(), tokens, compiled);
    }

    /// <summary>The token values for a blob name, or <see langword="null"/> when the name does not match.</summary>
    /// <param name="blobName">Blob name inside <see cref="Container"/>.</param>
    public IReadOnlyDictionary<string, string>? Match(string blobName)
    {
        var match = _regex.Match(blobName);
        if (!match.Success)
            return null;

        return Tokens.Distinct(StringComparer.Ordinal).ToDictionary(token => token, token => match.Groups[token].Value, StringComparer.Ordinal);
    }

    private static void AppendLiteral(string text, StringBuilder regex, StringBuilder prefix, bool beforeFirstToken)
    {
        regex.Append(Regex.Escape(text));
        if (beforeFirstToken)
            prefix.Append(text);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenName();
}
