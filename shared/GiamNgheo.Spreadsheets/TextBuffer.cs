using System.Xml;

namespace GiamNgheo.Spreadsheets;

/// <summary>A growable character buffer filled straight from an <see cref="XmlReader"/>, so cell text never becomes a string unless asked for.</summary>
internal sealed class TextBuffer
{
    private char[] _chars = new char[4096];

    public int Length { get; set; }

    /// <summary>The length past which appending stops with <see cref="TextLimitExceededException"/>, so a huge text node is never held whole.</summary>
    public int Limit { get; set; } = int.MaxValue;

    public Span<char> Slice(int start, int length) => _chars.AsSpan(start, length);

    public ReadOnlySpan<char> Span(int start) => _chars.AsSpan(start, Length - start);

    /// <summary>Appends the value of the current node (an attribute or a text node).</summary>
    /// <exception cref="TextLimitExceededException">The text would pass <see cref="Limit"/>.</exception>
    public void AppendValue(XmlReader reader)
    {
        while (true)
        {
            if (_chars.Length - Length < 256)
                Array.Resize(ref _chars, _chars.Length * 2);
            // Ask for at most one character past the limit: enough to know it is exceeded, without inflating the rest.
            var room = (int)Math.Min(_chars.Length - Length, (long)Limit - Length + 1);
            var read = reader.ReadValueChunk(_chars, Length, room);
            if (read == 0)
                return;
            Length += read;
            if (Length > Limit)
                throw new TextLimitExceededException();
        }
    }

    /// <summary>Appends the text inside the element the reader is on and leaves the reader just past its end tag.</summary>
    public void AppendElementText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                AppendValue(reader);
                reader.Read();
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    /// <summary>Appends a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>) and leaves the reader just past its end tag.</summary>
    /// <remarks>
    /// Plain text and the <c>&lt;t&gt;</c> of every rich-text run are concatenated; phonetic runs
    /// (<c>&lt;rPh&gt;</c>) are reading aids, not cell content, so they are skipped.
    /// </remarks>
    public void AppendStringItem(SpreadsheetXml xml)
    {
        var reader = xml.Reader;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
            }
            else if ((object)reader.LocalName == xml.Text)
            {
                AppendElementText(reader);
            }
            else if ((object)reader.LocalName == xml.Run && reader.Depth == depth + 1 && !reader.IsEmptyElement)
            {
                // Step inside the run; its <t> is then met at the next level, its <rPr> skipped.
                reader.Read();
            }
            else
            {
                reader.Skip();
            }
        }

        reader.Read();
    }
}

/// <summary>Thrown by <see cref="TextBuffer"/> when text passes its <see cref="TextBuffer.Limit"/>; the reader turns it into a located <see cref="XlsxFormatException"/>.</summary>
internal sealed class TextLimitExceededException : Exception;
