using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace GiamNgheo.Rules.AdminUnits;

/// <summary>Minimal RFC 4180 reader over an in-memory text, handing out fields as spans.</summary>
/// <remarks>
/// Hand-written because the Rules project takes no package dependencies and the catalogue is parsed on
/// the cold-start path: unquoted fields (all of today's data) are sliced from the text without copying;
/// quoted fields, including doubled quotes and line breaks inside quotes, still parse correctly.
/// The per-record methods are marked AggressiveOptimization because a load finishes before tiered
/// compilation would promote them, so they would otherwise run as unoptimised tier-0 code throughout.
/// </remarks>
internal sealed class CsvRecordReader
{
    private static readonly SearchValues<char> Delimiters = SearchValues.Create(",\r\n");

    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private Field[] _fields = new Field[16];
    private int _count;

    public CsvRecordReader(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>1-based line on which the current record starts, for error messages.</summary>
    public int LineNumber { get; private set; }

    public int FieldCount => _count;

    public ReadOnlySpan<char> this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            // Fields past FieldCount hold the previous record's values; never hand those out.
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            ref readonly var f = ref _fields[index];
            return f.Unescaped is { } s ? s.AsSpan() : _text.AsSpan(f.Start, f.Length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        var text = _text;
        // Blank lines carry no record; skipping them tolerates a trailing extra newline.
        while (_pos < text.Length && (text[_pos] == '\n' || text[_pos] == '\r'))
        {
            if (text[_pos] == '\n')
                _line++;
            _pos++;
        }

        _count = 0;
        if (_pos >= text.Length)
            return false;

        LineNumber = _line;
        while (true)
        {
            if (text[_pos] == '"')
                ReadQuoted();
            else
                ReadUnquoted();

            if (_pos >= text.Length)
                return true;

            var c = text[_pos++];
            if (c == ',')
            {
                // A trailing comma at the end of the text still means one more (empty) field.
                if (_pos >= text.Length)
                {
                    Add(new Field(_pos, 0, null));
                    return true;
                }

                continue;
            }

            if (c == '\r' && _pos < text.Length && text[_pos] == '\n')
                _pos++;
            _line++;
            return true;
        }
    }

    public InvalidDataException Error(string message) =>
        new($"{_source}, line {LineNumber}: {message}");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadUnquoted()
    {
        var rest = _text.AsSpan(_pos);
        var end = rest.IndexOfAny(Delimiters);
        if (end < 0)
            end = rest.Length;
        if (rest[..end].Contains('"'))
            throw Error("quote inside an unquoted field");
        Add(new Field(_pos, end, null));
        _pos += end;
    }

    private void ReadQuoted()
    {
        var text = _text;
        var start = ++_pos;
        StringBuilder? unescaped = null;
        while (true)
        {
            var close = text.IndexOf('"', _pos);
            if (close < 0)
                throw Error("unterminated quoted field");
            _line += text.AsSpan(_pos, close - _pos).Count('\n');

            if (close + 1 < text.Length && text[close + 1] == '"')
            {
                // Doubled quote: the only case that needs a copy, since the field text is not contiguous.
                unescaped ??= new StringBuilder();
                unescaped.Append(text, _pos, close + 1 - _pos);
                _pos = close + 2;
                continue;
            }

            Add(unescaped is null
                ? new Field(start, close - start, null)
                : new Field(0, 0, unescaped.Append(text, _pos, close - _pos).ToString()));
            _pos = close + 1;
            if (_pos < text.Length && text[_pos] is not (',' or '\r' or '\n'))
                throw Error("text after a closing quote");
            return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(Field field)
    {
        if (_count == _fields.Length)
            Array.Resize(ref _fields, _count * 2);
        _fields[_count++] = field;
    }

    private readonly record struct Field(int Start, int Length, string? Unescaped);
}
