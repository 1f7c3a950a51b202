using System.Buffers.Binary;

namespace GiamNgheo.Packaging;

/// <summary>
/// Sets the "version made by" host byte of every central directory record to Unix (3), so extractors apply the Unix
/// permissions kept in the upper 16 bits of the external attributes.
/// </summary>
/// <remarks>
/// .NET writes "made by Unix" only when it runs on Unix (<c>ZipArchiveEntry.CurrentZipPlatform</c>) and offers no API to
/// set it; a zip built on Windows would say "made by MS-DOS" and unzip, Kudu and Python's zipfile would ignore the
/// execute bit. Layout (APPNOTE 4.3.12, 4.3.16): central record signature 0x02014b50, version made by at +4 (spec
/// version) and +5 (host system), name/extra/comment lengths at +28/+30/+32, 46 fixed bytes; the end-of-central-directory
/// record (0x06054b50) gives the record count at +10 and the directory offset at +16.
/// </remarks>
internal static class ZipUnixAttributes
{
    private const uint CentralRecordSignature = 0x02014b50;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const int EndRecordSize = 22;
    private const byte UnixHost = 3;

    /// <summary>Patches every central directory record of the zip in <paramref name="zip"/> (read/write, seekable).</summary>
    public static void MarkAllEntriesMadeByUnix(Stream zip)
    {
        var (count, offset, size) = ReadEndRecord(zip);
        var directory = new byte[size];
        zip.Position = offset;
        zip.ReadExactly(directory);

        var position = 0;
        for (var i = 0; i < count; i++)
        {
            if (position + 46 > directory.Length
                || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(position)) != CentralRecordSignature)
            {
                throw new InvalidDataException($"Central directory record {i} is not where the directory says it is.");
            }

            directory[position + 5] = UnixHost;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(position + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(position + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(position + 32));
            position += 46 + nameLength + extraLength + commentLength;
        }

        zip.Position = offset;
        zip.Write(directory);
        zip.Flush();
    }

    private static (int Count, long Offset, int Size) ReadEndRecord(Stream zip)
    {
        // The end record is the last 22 bytes plus a comment of at most 65,535 bytes; search backwards for it.
        var tailLength = (int)Math.Min(zip.Length, EndRecordSize + ushort.MaxValue);
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        for (var i = tailLength - EndRecordSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfCentralDirectorySignature)
            {
                continue;
            }

            var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12));
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16));
            if (count == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue)
            {
                throw new InvalidDataException("Zip64 archives (over 65,535 entries or 4 GiB) are not supported by the package builder.");
            }

            return (count, offset, checked((int)size));
        }

        throw new InvalidDataException("No end-of-central-directory record: not a zip file.");
    }
}
