using System.Buffers.Binary;

namespace GiamNgheo.Spreadsheets;

/// <summary>Reads how many entries a zip package declares, before <see cref="System.IO.Compression.ZipArchive"/> builds an object for each.</summary>
/// <remarks>
/// A 200 MB zip of empty entries holds about 2.5 million of them, and reading its directory alone would take
/// over a gigabyte. The count in the end-of-central-directory record is the one the zip reader later insists on,
/// so checking it first costs one small read.
/// </remarks>
internal static class ZipDirectory
{
    private const int EndRecordLength = 22;
    private const int MaxCommentLength = ushort.MaxValue;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;

    /// <summary>The number of entries the package declares, or null when it has no readable end record (the zip reader then reports the damage).</summary>
    public static long? DeclaredEntryCount(Stream stream)
    {
        var tailLength = (int)Math.Min(stream.Length, EndRecordLength + MaxCommentLength);
        if (tailLength < EndRecordLength)
            return null;
        var tail = new byte[tailLength];
        stream.Position = stream.Length - tailLength;
        stream.ReadExactly(tail);

        for (var at = tailLength - EndRecordLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
                continue;
            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count != ushort.MaxValue)
                return count;
            return Zip64EntryCount(stream, stream.Length - tailLength + at);
        }

        return null;
    }

    private static long? Zip64EntryCount(Stream stream, long endRecordOffset)
    {
        Span<byte> locator = stackalloc byte[20];
        if (endRecordOffset < locator.Length)
            return null;
        stream.Position = endRecordOffset - locator.Length;
        stream.ReadExactly(locator);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
            return null;

        var recordOffset = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
        Span<byte> record = stackalloc byte[40];
        if (recordOffset < 0 || recordOffset > stream.Length - record.Length)
            return null;
        stream.Position = recordOffset;
        stream.ReadExactly(record);
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature ? BinaryPrimitives.ReadInt64LittleEndian(record[32..]) : null;
    }
}
