namespace GiamNgheo.Spreadsheets;

/// <summary>Read-only view of an inflating zip entry that counts the bytes really produced and maps damage to <see cref="XlsxFormatException"/>.</summary>
/// <remarks>
/// The sizes in a zip header are written by whoever made the file, so a bomb can claim to be small;
/// counting what the decompressor actually hands out is the only limit that cannot be lied to.
/// </remarks>
internal sealed class PartReadStream : Stream
{
    private readonly Stream _inner;
    private readonly string _partName;
    private readonly long _maxBytes;
    private long _read;

    public PartReadStream(Stream inner, string partName, long maxBytes)
    {
        _inner = inner;
        _partName = partName;
        _maxBytes = maxBytes;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = _inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new XlsxFormatException(XlsxErrorKind.Corrupt, $"The zip entry '{_partName}' is damaged: {ex.Message}", _partName, ex);
        }

        _read += n;
        if (_read > _maxBytes)
            throw TooLarge(_partName, _maxBytes);
        return n;
    }

    public static XlsxFormatException TooLarge(string partName, long maxBytes) =>
        new(XlsxErrorKind.TooLarge, $"The part '{partName}' inflates beyond the limit of {maxBytes:N0} bytes.", partName);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}
