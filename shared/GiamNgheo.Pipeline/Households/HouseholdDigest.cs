using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace GiamNgheo.Pipeline.Households;

/// <summary>The read-optimised copy of one submission's households: their table entities, minus personal data and long
/// text, in one compact blob (ADR 0011).</summary>
/// <remarks>The format is generic over the entity's properties: each record lists its non-null properties by name (names
/// and repeated strings are written once and then referred to by index), so a property added to
/// <see cref="HouseholdRecord"/> is carried without touching this class, and reading it back goes through
/// <see cref="HouseholdRecord.FromEntity"/> exactly as the table does.</remarks>
public sealed class HouseholdDigest
{
    /// <summary>Revision of the byte layout; raise it when the encoding itself changes.</summary>
    public const int FormatRevision = 1;

    private static readonly byte[] Magic = "GNHD"u8.ToArray();

    private readonly byte[] _bytes;

    /// <summary>Wraps a digest's bytes as read from its blob.</summary>
    public HouseholdDigest(byte[] bytes) => _bytes = bytes;

    /// <summary>Entity properties the digest leaves out: the head's name is personal data that reports never read, and the
    /// explanation and deprivation sources are the long text of the household list, not of any report.</summary>
    public static IReadOnlySet<string> OmittedProperties { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(HouseholdRecord.HeadName),
        nameof(HouseholdRecord.Explanation),
        nameof(HouseholdRecord.DeprivationSources),
    };

    /// <summary>The format version in the blob's name: the layout revision and a hash of <see cref="HouseholdRecord"/>'s
    /// properties, so any change of the record makes older digests unknown and they are built again from the table.</summary>
    public static string Version { get; } = ComputeVersion();

    /// <summary>Size of the digest in bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>The households, parsed one at a time; never with the head's name, explanation or deprivation sources.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a complete digest.</exception>
    public IEnumerable<HouseholdRecord> Records()
    {
        using var parser = new Parser(_bytes);
        while (parser.Next() is { } entity)
            yield return HouseholdRecord.FromEntity(entity, HouseholdView.WithoutHeadName);
    }

    private sealed class Parser(byte[] bytes) : IDisposable
    {
        private readonly BinaryReader _reader = new(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        private readonly List<string> _strings = [];
        private int _count = -1;

        public void Dispose() => _reader.Dispose();

        public TableEntity? Next()
        {
            try
            {
                return Read();
            }
            catch (EndOfStreamException ex)
            {
                throw new InvalidDataException("The household digest ends before its end marker.", ex);
            }
        }

        private TableEntity? Read()
        {
            if (_count < 0)
            {
                if (!_reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || _reader.ReadByte() != FormatRevision)
                    throw new InvalidDataException("Not a household digest of this format revision.");
                _count = 0;
            }

            var marker = _reader.ReadByte();
            if (marker == EndMarker)
            {
                return _reader.Read7BitEncodedInt() == _count
                    ? null
                    : throw new InvalidDataException("The household digest's record count does not match its records.");
            }

            if (marker != RecordMarker)
                throw new InvalidDataException("Corrupt household digest.");
            var properties = _reader.Read7BitEncodedInt();
            var entity = new TableEntity();
            for (var i = 0; i < properties; i++)
            {
                var name = ReadString(_reader, _strings);
                entity[name] = ReadValue(_reader, _strings);
            }

            // Explanation is required text; a digest record says it carries none rather than leaving it null.
            entity[nameof(HouseholdRecord.Explanation)] = "";
            _count++;
            return entity;
        }
    }

    private const byte RecordMarker = 1;
    private const byte EndMarker = 0;

    private enum ValueType : byte
    {
        String = 1,
        Int32 = 2,
        Int64 = 3,
        Double = 4,
        Boolean = 5,
        DateTimeOffset = 6,
        Guid = 7,
        Bytes = 8,
    }

    /// <summary>Whether an entity property belongs in the digest: not a table system property, not omitted, not null.</summary>
    internal static bool Carries(string name, object? value) =>
        value is not null
        && !OmittedProperties.Contains(name)
        && name is not ("PartitionKey" or "RowKey" or "Timestamp")
        && !name.StartsWith("odata.", StringComparison.Ordinal);

    internal static void WriteHeader(BinaryWriter writer)
    {
        writer.Write(Magic);
        writer.Write((byte)FormatRevision);
    }

    internal static void WriteRecord(BinaryWriter writer, TableEntity entity, Dictionary<string, int> strings)
    {
        var carried = entity.Where(p => Carries(p.Key, p.Value)).ToList();
        writer.Write(RecordMarker);
        writer.Write7BitEncodedInt(carried.Count);
        foreach (var (name, value) in carried)
        {
            WriteString(writer, name, strings);
            WriteValue(writer, name, value, strings);
        }
    }

    internal static void WriteEnd(BinaryWriter writer, int count)
    {
        writer.Write(EndMarker);
        writer.Write7BitEncodedInt(count);
    }

    // A string is written once (0 and its text) and referred to afterwards by its index + 1: property names, classes,
    // areas, villages and standards repeat in every record.
    private static void WriteString(BinaryWriter writer, string value, Dictionary<string, int> strings)
    {
        if (strings.TryGetValue(value, out var index))
        {
            writer.Write7BitEncodedInt(index + 1);
            return;
        }

        strings.Add(value, strings.Count);
        writer.Write7BitEncodedInt(0);
        writer.Write(value);
    }

    private static string ReadString(BinaryReader reader, List<string> strings)
    {
        var reference = reader.Read7BitEncodedInt();
        if (reference > 0)
            return reference <= strings.Count ? strings[reference - 1] : throw new InvalidDataException("Corrupt household digest.");
        var value = reader.ReadString();
        strings.Add(value);
        return value;
    }

    private static void WriteValue(BinaryWriter writer, string name, object value, Dictionary<string, int> strings)
    {
        switch (value)
        {
            case string s:
                writer.Write((byte)ValueType.String);
                WriteString(writer, s, strings);
                break;
            case int i:
                writer.Write((byte)ValueType.Int32);
                writer.Write(i);
                break;
            case long l:
                writer.Write((byte)ValueType.Int64);
                writer.Write(l);
                break;
            case double d:
                writer.Write((byte)ValueType.Double);
                writer.Write(d);
                break;
            case bool b:
                writer.Write((byte)ValueType.Boolean);
                writer.Write(b);
                break;
            case DateTimeOffset t:
                writer.Write((byte)ValueType.DateTimeOffset);
                writer.Write(t.UtcTicks);
                break;
            case Guid g:
                writer.Write((byte)ValueType.Guid);
                writer.Write(g.ToByteArray());
                break;
            case byte[] bytes:
                writer.Write((byte)ValueType.Bytes);
                writer.Write7BitEncodedInt(bytes.Length);
                writer.Write(bytes);
                break;
            default:
                throw new NotSupportedException($"Household property {name} has type {value.GetType().Name}, which is not a table type.");
        }
    }

    private static object ReadValue(BinaryReader reader, List<string> strings) => (ValueType)reader.ReadByte() switch
    {
        ValueType.String => ReadString(reader, strings),
        ValueType.Int32 => reader.ReadInt32(),
        ValueType.Int64 => reader.ReadInt64(),
        ValueType.Double => reader.ReadDouble(),
        ValueType.Boolean => reader.ReadBoolean(),
        ValueType.DateTimeOffset => new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
        ValueType.Guid => new Guid(reader.ReadBytes(16)),
        ValueType.Bytes => reader.ReadBytes(reader.Read7BitEncodedInt()),
        _ => throw new InvalidDataException("Corrupt household digest."),
    };

    private static string ComputeVersion()
    {
        var shape = string.Join(';', typeof(HouseholdRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !OmittedProperties.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + ":" + p.PropertyType.FullName));
        return FormattableString.Invariant($"v{FormatRevision}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape)))[..8]}");
    }
}

/// <summary>Writes a submission's household entities into a digest stream as they are produced.</summary>
public sealed class HouseholdDigestWriter : IDisposable
{
    private readonly BinaryWriter _writer;
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private bool _completed;

    /// <summary>Starts a digest on <paramref name="stream"/>, which stays open.</summary>
    public HouseholdDigestWriter(Stream stream)
    {
        _writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        HouseholdDigest.WriteHeader(_writer);
    }

    /// <summary>Households written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends one household's table entity.</summary>
    /// <exception cref="NotSupportedException">A property holds a value of no table type.</exception>
    public void Add(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        HouseholdDigest.WriteRecord(_writer, entity, _strings);
        Count++;
    }

    /// <summary>Ends the digest (a reader refuses one without its end) and flushes it to the stream.</summary>
    public void Complete()
    {
        if (_completed)
            return;
        HouseholdDigest.WriteEnd(_writer, Count);
        _writer.Flush();
        _completed = true;
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
