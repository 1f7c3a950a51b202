using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Reading;

/// <summary>Typed access to the current row of a sheet; every invalid value becomes a located Vietnamese error.</summary>
internal sealed class RowParser(ISheetCursor cursor, SheetHeader header, SurveyIssues issues)
{
    public bool HasValue(string key)
    {
        var column = header.IndexOf(key);
        return column >= 0 && !CellParser.IsBlank(cursor.Get(column));
    }

    public string? Letter(string key)
    {
        var column = header.IndexOf(key);
        return column < 0 ? null : cursor.ColumnLabel(column);
    }

    public void Error(string key, string message) =>
        issues.Error(cursor.Name, cursor.RowNumber, Letter(key), key, message);

    public string? Text(int column, string key, bool required)
    {
        var value = column < 0 ? default : cursor.Get(column).Trim();
        if (!value.IsEmpty)
            return value.ToString();
        if (required)
            Error(key, "Không được để trống.");
        return null;
    }

    public long? Integer(string key, bool required, long min, long max)
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

    public decimal? Decimal(string key)
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

    public decimal? Money(string key)
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

    public bool? Flag(string key) => Flag(header.IndexOf(key), key);

    public bool? Flag(int column, string key)
    {
        if (column < 0)
            return null;
        var value = cursor.Get(column);
        if (CellParser.IsBlank(value))
            return null;
        if (CellParser.TryFlag(value, out var flag))
            return flag;
        Error(key, $"Chỉ nhận 1, 0 hoặc để trống; \"{value.Trim()}\" không hợp lệ.");
        return null;
    }

    public string? Code(string key, IReadOnlyList<CodeValue> codes, bool required)
    {
        var value = Cell(key, required);
        if (value.IsEmpty)
            return null;
        var code = CellParser.MatchCode(value, codes);
        if (code is null)
            Error(key, $"\"{value.Trim()}\" không hợp lệ; chỉ nhận: {string.Join(", ", codes.Select(c => c.Code))}.");
        return code;
    }

    public string? Digits(string key, int count, bool required)
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

    private ReadOnlySpan<char> Cell(string key, bool required)
    {
        var column = header.IndexOf(key);
        var value = column < 0 ? default : cursor.Get(column).Trim();
        if (value.IsEmpty && required && column >= 0)
            Error(key, "Không được để trống.");
        return value;
    }

    private decimal? NonNegative(string key, decimal number)
    {
        if (number >= 0)
            return number;
        Error(key, $"Không được âm ({number}).");
        return null;
    }
}
