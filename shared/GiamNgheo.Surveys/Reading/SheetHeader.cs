using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Reading;

/// <summary>A known column of a sheet: its index in this file (-1 when absent) and its key.</summary>
internal readonly record struct ColumnRef(int Index, string Key)
{
    public bool Present => Index >= 0;
}

/// <summary>Where each known column of a sheet sits, read from its header row.</summary>
/// <remarks>A header cell may hold the key (<c>ma_ho</c>), the template's "Mã hộ (ma_ho)", or the Vietnamese label alone.</remarks>
internal sealed class SheetHeader
{
    private readonly Dictionary<string, int> _index;

    private SheetHeader(Dictionary<string, int> index, int rowNumber)
    {
        _index = index;
        RowNumber = rowNumber;
    }

    public int RowNumber { get; }

    /// <summary>The column index of a key, or -1 when the sheet lacks it.</summary>
    public int IndexOf(string key) => _index.GetValueOrDefault(key, -1);

    public bool Has(string key) => _index.ContainsKey(key);

    /// <summary>Resolves a column once, so rows are read by index rather than by name.</summary>
    public ColumnRef Column(string key) => new(IndexOf(key), key);

    /// <summary>Reads the first non-empty row as the header; reports unknown, duplicate and missing required columns.</summary>
    public static SheetHeader? Read(ISheetCursor cursor, IReadOnlyList<SurveyColumn> columns, SurveyIssues issues)
    {
        while (cursor.Read())
        {
            if (!cursor.IsRowEmpty)
                return Map(cursor, columns, issues);
        }

        issues.Error(cursor.Name, null, null, null, "Sheet không có dòng tiêu đề (dòng đầu tiên phải là tên các cột).");
        return null;
    }

    private static SheetHeader Map(ISheetCursor cursor, IReadOnlyList<SurveyColumn> columns, SurveyIssues issues)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cursor.ColumnCount; i++)
        {
            var text = cursor.Get(i).Trim();
            if (text.IsEmpty)
                continue;
            var column = Resolve(text, columns);
            if (column is null)
            {
                issues.Warning(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(i), null, $"Cột \"{text}\" không có trong mẫu nên được bỏ qua.");
                continue;
            }

            if (!index.TryAdd(column.Key, i))
            {
                issues.Error(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(i), column.Key,
                    $"Cột {column.Key} xuất hiện hai lần (đã có ở cột {cursor.ColumnLabel(index[column.Key])}). Hãy xóa một cột.");
            }
        }

        foreach (var column in columns.Where(c => c.Required && !index.ContainsKey(c.Key)))
            issues.Error(cursor.Name, cursor.RowNumber, null, column.Key, $"Thiếu cột bắt buộc \"{column.HeaderText}\".");
        return new SheetHeader(index, cursor.RowNumber);
    }

    private static SurveyColumn? Resolve(ReadOnlySpan<char> text, IReadOnlyList<SurveyColumn> columns)
    {
        var open = text.LastIndexOf('(');
        if (open >= 0 && text[^1] == ')')
        {
            var inner = text[(open + 1)..^1].Trim();
            foreach (var column in columns)
            {
                if (inner.SequenceEqual(column.Key))
                    return column;
            }
        }

        foreach (var column in columns)
        {
            if (text.SequenceEqual(column.Key))
                return column;
        }

        var folded = VietnameseText.Fold(text);
        return columns.FirstOrDefault(c => folded == c.Key || folded == VietnameseText.Fold(c.Label));
    }
}
