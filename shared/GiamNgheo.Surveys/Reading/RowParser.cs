using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Reading;

/// <summary>Typed access to the current row of a sheet; every invalid value becomes a located Vietnamese error.</summary>
internal sealed class RowParser(ISheetCursor cursor, SheetHeader header, SurveyIssues issues)
{
    public ColumnRef Column(string key) => header.Column(key);

    public bool HasValue(ColumnRef column) => column.Present && !CellParser.IsBlank(cursor.Get(column.Index));

    /// <summary>The trimmed cell, without allocating.</summary>
    public ReadOnlySpan<char> Span(ColumnRef column) => column.Present ? cursor.Get(column.Index).Trim() : default;

    public string? Letter(string key)
    {
        var column = header.IndexOf(key);
        return column < 0 ? null : cursor.ColumnLabel(column);
    }

    public void Error(ColumnRef column, string message) =>
        issues.Error(cursor.Name, cursor.RowNumber, column.Present ? cursor.ColumnLabel(column.Index) : null, column.Key, message);

    public string? Text(ColumnRef column, bool required)
    {
        var value = Span(column);
        if (!value.IsEmpty)
            return value.ToString();
        if (required)
            Error(column, "Không được để trống.");
        return null;
    }

    /// <summary>A household code in its canonical form (<see cref="HouseholdCode"/>); empty, with the error reported, when
    /// the cell is blank or the code is refused.</summary>
    public ReadOnlySpan<char> HouseholdCode(ColumnRef column)
    {
        var value = Span(column);
        if (value.IsEmpty)
        {
            Error(column, "Không được để trống.");
            return default;
        }

        if (Reading.HouseholdCode.TryNormalize(value, out var code, out var reason))
            return code;
        Error(column, reason!);
        return default;
    }

    public long? Integer(ColumnRef key, bool required, (long Min, long Max) bounds) => Integer(key, required, bounds.Min, bounds.Max);

    public long? Integer(ColumnRef key, bool required, long min, long max)
    {
        var value = Cell(key, required);
        if (value.IsEmpty)
            return null;
        if (!CellParser.TryInteger(value, out var number))
        {
            Error(key, $"\"{value}\" không phải số nguyên.");
            return null;
        }

        if (number < min || number > max)
        {
            Error(key, $"Giá trị {number} nằm ngoài khoảng cho phép ({min}–{max}).");
            return null;
        }

        return number;
    }

    public decimal? Decimal(ColumnRef key)
    {
        var value = Cell(key, required: false);
        if (value.IsEmpty)
            return null;
        if (!CellParser.TryDecimal(value, out var number))
        {
            Error(key, $"\"{value}\" không phải là số.");
            return null;
        }

        return NonNegative(key, number);
    }

    public decimal? Money(ColumnRef key)
    {
        var value = Cell(key, required: false);
        if (value.IsEmpty)
            return null;
        if (!CellParser.TryMoney(value, out var number))
        {
            Error(key, $"\"{value}\" không phải số tiền (đồng), ví dụ 1500000 hoặc 1.500.000.");
            return null;
        }

        return NonNegative(key, number);
    }

    public bool? Flag(ColumnRef column)
    {
        if (!column.Present)
            return null;
        var value = cursor.Get(column.Index);
        if (value.Length == 1 && value[0] is '0' or '1')
            return value[0] == '1';
        if (CellParser.IsBlank(value))
            return null;
        if (CellParser.TryFlag(value, out var flag))
            return flag;
        Error(column, $"Chỉ nhận 1, 0 hoặc để trống; \"{value.Trim()}\" không hợp lệ.");
        return null;
    }

    public string? Code(ColumnRef key, IReadOnlyList<CodeValue> codes, bool required)
    {
        var value = Cell(key, required);
        if (value.IsEmpty)
            return null;
        var code = CellParser.MatchCode(value, codes);
        if (code is null)
            Error(key, $"\"{value.Trim()}\" không hợp lệ; chỉ nhận: {string.Join(", ", codes.Select(c => c.Code))}.");
        return code;
    }

    public string? Digits(ColumnRef key, int count, bool required)
    {
        var value = Cell(key, required);
        if (value.IsEmpty)
            return null;
        var trimmed = value.Trim();
        if (CellParser.IsDigits(trimmed, count))
            return trimmed.ToString();
        // Do not echo the value: it may be a citizen ID (personal data) that ends up in logs.
        Error(key, trimmed.Length < count && CellParser.IsDigits(trimmed, trimmed.Length)
            ? $"Phải gồm đúng {count} chữ số (hiện có {trimmed.Length}). Nếu số 0 ở đầu bị mất, hãy định dạng cột là Văn bản (Text) và nhập lại."
            : $"Phải gồm đúng {count} chữ số.");
        return null;
    }

    private ReadOnlySpan<char> Cell(ColumnRef column, bool required)
    {
        var value = Span(column);
        if (value.IsEmpty && required && column.Present)
            Error(column, "Không được để trống.");
        return value;
    }

    private decimal? NonNegative(ColumnRef key, decimal number)
    {
        if (number >= 0)
            return number;
        Error(key, $"Không được âm ({number}).");
        return null;
    }
}
