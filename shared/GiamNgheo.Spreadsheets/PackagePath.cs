namespace GiamNgheo.Spreadsheets;

/// <summary>Part-name arithmetic for OPC packages: zip entry names versus the URIs that relationships use.</summary>
internal static class PackagePath
{
    /// <summary>The zip entry name for a part name, without the leading slash and with forward slashes.</summary>
    public static string Normalize(string name) => name.Replace('\\', '/').TrimStart('/');

    /// <summary>The relationships part that belongs to <paramref name="part"/> (<c>xl/workbook.xml</c> → <c>xl/_rels/workbook.xml.rels</c>).</summary>
    public static string RelationshipsFor(string part)
    {
        var slash = part.LastIndexOf('/');
        return $"{part[..(slash + 1)]}_rels/{part[(slash + 1)..]}.rels";
    }

    /// <summary>Resolves a relationship target against the part that owns the relationship.</summary>
    /// <remarks>Targets are URIs: relative to the source part's folder unless they start with '/', and possibly percent-encoded.</remarks>
    public static string Resolve(string sourcePart, string target)
    {
        target = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var path = target.StartsWith('/') ? target : sourcePart[..(sourcePart.LastIndexOf('/') + 1)] + target;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }
}
