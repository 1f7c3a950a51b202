namespace GiamNgheo.Spreadsheets;

/// <summary>Read-only view of an inflating zip entry that counts the bytes really produced and maps damage to <see cref="XlsxFormatException"/>.</summary>
/// <remarks>
/// The sizes in a zip header are written by whoever made the file, so a bomb can claim to be small;
/// counting what the decompressor actually hands out is the only limit that cannot be lied to. The count is held
/// against the compressed size too (at most the package's length, whatever the header claims), so a bomb is
/// refused after inflating about <c>ratio × its own size</c> rather than the whole part limit.
/// </remarks>
internal sealed class PartReadStream : Stream
{
    private readonly Stream _inner;
    private readonly string _partName;
    private readonly long _maxBytes;
    private readonly long _ratioBudget;
    private readonly int _maxRatio;
    private long _read;

    /// <param name="inner">The inflating stream.</param>
    /// <param name="partName">The entry's name, for messages.</param>
    /// <param name="maxBytes">Most bytes the part may inflate to.</param>
    /// <param name="compressedBytes">The entry's compressed size.</param>
    /// <param name="maxRatio">Most inflated bytes per compressed byte beyond <paramref name="ratioFloorBytes"/>.</param>
    /// <param name="ratioFloorBytes">Bytes the part may always inflate to, whatever its ratio.</param>
    public PartReadStream(Stream inner, string partName, long maxBytes, long compressedBytes, int maxRatio, long ratioFloorBytes)
    {
        _inner = inner;
        _partName = partName;
        _maxBytes = maxBytes;
        _maxRatio = maxRatio;
        _ratioBudget = compressedBytes > (long.MaxValue - ratioFloorBytes) / Math.Max(maxRatio, 1)
            ? long.MaxValue
            : Math.Max(ratioFloorBytes, compressedBytes * maxRatio);
    }

    /// <summary>Opens a zip entry for reading within <paramref name="limits"/>; <paramref name="packageBytes"/> bounds the compressed size it claims.</summary>
    /// <exception cref="XlsxFormatException">The entry cannot be opened (damaged, encrypted, an unsupported compression method).</exception>
    public static PartReadStream Open(System.IO.Compression.ZipArchiveEntry entry, string partName, XlsxReadLimits limits, long packageBytes)
    {
        try
        {
            return new PartReadStream(entry.Open(), partName, limits.MaxPartBytes, Math.Min(entry.CompressedLength, packageBytes), limits.MaxCompressionRatio, limits.CompressionRatioFloorBytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            throw new XlsxFormatException(XlsxErrorKind.Corrupt, $"The zip entry '{partName}' cannot be opened: {ex.Message}", partName, ex);
        }
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
        if (_read > _ratioBudget)
        {
            throw new XlsxFormatException(XlsxErrorKind.TooLarge, $"The part '{_partName}' inflates more than {_maxRatio:N0} times its compressed size, like a zip bomb.", _partName)
            {
                Limit = XlsxLimit.CompressionRatio,
            };
        }

        return n;
    }

    public static XlsxFormatException TooLarge(string partName, long maxBytes) =>
        new(XlsxErrorKind.TooLarge, $"The part '{partName}' inflates beyond the limit of {maxBytes:N0} bytes.", partName) { Limit = XlsxLimit.PartBytes };

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
