using System.Runtime.CompilerServices;
using System.Text;

namespace GiamNgheo.Rules.AdminUnits;

/// <summary>Effective-dated lookup of Vietnam's provinces, districts and communes by code.</summary>
/// <remarks>
/// Codes are reused across the 2025 reform (00004 was Phường Trúc Bạch and is now Phường Ba Đình; 24 was
/// Bắc Giang and is now Bắc Ninh), so every lookup takes the date the code is meant for. Lookups are exact
/// on the digit string: "4" is not "00004", because silently padding would accept malformed uploads.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class AdminUnitCatalog
{
    /// <summary>First day of the two-tier (province → commune) structure.</summary>
    public static readonly DateOnly TwoTierFrom = new(2025, 7, 1);

    private const string ResourcePrefix = "GiamNgheo.Rules.AdminUnits.";
    private const string UnitsFile = "units.csv";
    private const string MappingFile = "commune-mapping-2025.csv";
    private const string AliasesFile = "aliases.csv";
    private const string UnitsHeader = "level,code,name,type,province_code,district_code,valid_from,valid_to";
    private const string MappingHeader = "old_code,new_code,kind";
    private const string AliasesHeader = "alias_code,code,level,valid_from,note";

    private static readonly Lazy<AdminUnitCatalog> LazyDefault =
        new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly LevelIndex _provinces;
    private readonly LevelIndex _districts;
    private readonly LevelIndex _communes;
    private readonly GroupedIndex<Alias> _communeAliases;
    private readonly GroupedIndex<CommuneMapping> _mappingByOld;
    private readonly GroupedIndex<CommuneMapping> _mappingByNew;

    private AdminUnitCatalog(
        LevelIndex provinces,
        LevelIndex districts,
        LevelIndex communes,
        List<CommuneMapping> mapping,
        List<Alias> aliases)
    {
        _provinces = provinces;
        _districts = districts;
        _communes = communes;
        _communeAliases = GroupedIndex<Alias>.Build(aliases, static a => a.AliasCode);
        _mappingByOld = GroupedIndex<CommuneMapping>.Build(mapping, static m => m.OldCode);
        _mappingByNew = GroupedIndex<CommuneMapping>.Build(mapping, static m => m.NewCode);
    }

    /// <summary>The catalogue built from the embedded data, loaded on first use.</summary>
    public static AdminUnitCatalog Default => LazyDefault.Value;

    /// <summary>Builds a catalogue from the three CSVs in the format written by tools/admin-units-import.</summary>
    /// <exception cref="InvalidDataException">A header, field count, level, code or date is malformed, or versions of a code overlap.</exception>
    public static AdminUnitCatalog Load(TextReader units, TextReader mapping, TextReader aliases)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(aliases);
        return FromText(units.ReadToEnd(), mapping.ReadToEnd(), aliases.ReadToEnd());
    }

    /// <summary>Whether reports on <paramref name="on"/> aggregate commune → province, with no district tier.</summary>
    public static bool IsTwoTier(DateOnly on) => on >= TwoTierFrom;

    /// <summary>The province with this exact code in force on the date, or null.</summary>
    public AdminUnit? FindProvince(string code, DateOnly on) => _provinces.Find(code, on);

    /// <summary>The district with this exact code in force on the date, or null (always null from 2025-07-01).</summary>
    public AdminUnit? FindDistrict(string code, DateOnly on) => _districts.Find(code, on);

    /// <summary>The commune with this exact code in force on the date, trying documented aliases valid on that date when the code itself is unknown.</summary>
    public CommuneLookup? FindCommune(string code, DateOnly on)
    {
        if (_communes.Find(code, on) is { } unit)
            return new CommuneLookup(unit, code, ViaAlias: false);

        // A real code always wins; aliases only fill gaps, so 23737 is still Xã Ia Mơ Nông before the reform.
        foreach (var alias in _communeAliases[code])
        {
            if (on >= alias.ValidFrom && _communes.Find(alias.Code, on) is { } target)
                return new CommuneLookup(target, code, ViaAlias: true);
        }

        return null;
    }

    /// <summary>The unit a code names on the date by its length: a province (2 digits), a district (3, before 2025-07-01) or a
    /// commune (5, aliases included); null when none is in force.</summary>
    public AdminUnit? Find(string code, DateOnly on) => code.Length switch
    {
        2 => FindProvince(code, on),
        3 => FindDistrict(code, on),
        5 => FindCommune(code, on)?.Unit,
        _ => null,
    };

    /// <summary>Communes of the province in force on the date, sorted by code.</summary>
    public IReadOnlyList<AdminUnit> CommunesOf(string provinceCode, DateOnly on) => _communes.OfProvince(provinceCode, on);

    /// <summary>Districts of the province in force on the date, sorted by code; empty from 2025-07-01.</summary>
    public IReadOnlyList<AdminUnit> DistrictsOf(string provinceCode, DateOnly on) => _districts.OfProvince(provinceCode, on);

    /// <summary>Every version of the province and of its districts and communes, whenever in force: the rows of a type-2
    /// dimension, so that facts of years before and after the 2025 reform both find their unit.</summary>
    public IReadOnlyList<AdminUnit> VersionsOf(string provinceCode) =>
        [.. _provinces.AllOf(provinceCode), .. _districts.AllOf(provinceCode), .. _communes.AllOf(provinceCode)];

    /// <summary>Provinces in force on the date, sorted by code.</summary>
    public IReadOnlyList<AdminUnit> Provinces(DateOnly on) => _provinces.All(on);

    /// <summary>The 2025 communes a legacy commune went into (several rows when it was split); empty if unknown.</summary>
    public IReadOnlyList<CommuneMapping> NewCommunesOf(string oldCommuneCode)
    {
        ArgumentNullException.ThrowIfNull(oldCommuneCode);
        // A fresh array per call: callers may keep or modify it without touching the shared catalogue.
        return _mappingByOld[oldCommuneCode].ToArray();
    }

    /// <summary>The legacy communes a 2025 commune was formed from; empty if unknown or formed from a commune-less district.</summary>
    public IReadOnlyList<CommuneMapping> OldCommunesOf(string newCommuneCode)
    {
        ArgumentNullException.ThrowIfNull(newCommuneCode);
        return _mappingByNew[newCommuneCode].ToArray();
    }

    private static AdminUnitCatalog LoadEmbedded() =>
        FromText(ReadResource(UnitsFile), ReadResource(MappingFile), ReadResource(AliasesFile));

    private static string ReadResource(string fileName)
    {
        using var stream = typeof(AdminUnitCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException(
                $"Embedded resource {ResourcePrefix}{fileName} is missing; check the EmbeddedResource item in GiamNgheo.Rules.csproj.");
        // One bulk decode is several times faster than a StreamReader on the cold path.
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return StrictUtf8.GetString(bytes);
    }

    private static AdminUnitCatalog FromText(string units, string mapping, string aliases)
    {
        // Codes and type names repeat thousands of times (every commune row names its province, every
        // mapping row two communes); one shared instance per value saves allocations at start-up.
        var pool = new StringPool();
        var (provinces, districts, communes) = ParseUnits(units, pool);
        return new AdminUnitCatalog(
            LevelIndex.Build(provinces, UnitsFile),
            LevelIndex.Build(districts, UnitsFile),
            LevelIndex.Build(communes, UnitsFile),
            ParseMapping(mapping, pool),
            ParseAliases(aliases, pool));
    }

    // AggressiveOptimization here and on the other per-row helpers: the whole load runs before tiered
    // compilation promotes anything, and as tier-0 code it took about twice as long (~90 ms vs ~40 ms cold).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (List<AdminUnit> Provinces, List<AdminUnit> Districts, List<AdminUnit> Communes) ParseUnits(
        string text, StringPool pool)
    {
        var csv = OpenCsv(text, UnitsFile, UnitsHeader);
        var provinces = new List<AdminUnit>(128);
        var districts = new List<AdminUnit>(1024);
        // ~60 bytes per commune row; sizing up front avoids regrowing while parsing.
        var communes = new List<AdminUnit>(text.Length / 56);
        while (csv.Read())
        {
            ExpectFields(csv, 8);
            var level = ParseLevel(csv, csv[0]);
            var code = ParseCode(csv, csv[1], CodeLength(level), pool);
            var name = csv[2].IsEmpty ? throw csv.Error("empty name") : csv[2].ToString();
            var type = csv[3].IsEmpty ? throw csv.Error("empty type") : pool.Get(csv[3]);
            var province = ParseCode(csv, csv[4], 2, pool);
            var district = csv[5].IsEmpty ? null : ParseCode(csv, csv[5], 3, pool);
            var from = ParseDate(csv, csv[6]);
            var to = ParseDate(csv, csv[7]);
            if (from > to)
                throw csv.Error("valid_from is after valid_to");

            var unit = new AdminUnit(level, code, name, type, province, district, from, to);
            (level switch
            {
                AdminLevel.Province => provinces,
                AdminLevel.District => districts,
                _ => communes,
            }).Add(unit);
        }

        return (provinces, districts, communes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<CommuneMapping> ParseMapping(string text, StringPool pool)
    {
        var csv = OpenCsv(text, MappingFile, MappingHeader);
        var rows = new List<CommuneMapping>(text.Length / 18);
        while (csv.Read())
        {
            ExpectFields(csv, 3);
            rows.Add(new CommuneMapping(
                ParseCode(csv, csv[0], 5, pool),
                ParseCode(csv, csv[1], 5, pool),
                csv[2].IsEmpty ? throw csv.Error("empty kind") : pool.Get(csv[2])));
        }

        return rows;
    }

    private static List<Alias> ParseAliases(string text, StringPool pool)
    {
        var csv = OpenCsv(text, AliasesFile, AliasesHeader);
        var aliases = new List<Alias>();
        while (csv.Read())
        {
            ExpectFields(csv, 5);
            // Only FindCommune resolves aliases; refusing other levels makes adding one a deliberate code change.
            if (ParseLevel(csv, csv[2]) != AdminLevel.Commune)
                throw csv.Error("only commune aliases are supported");
            var validFrom = ParseDate(csv, csv[3]) ?? throw csv.Error("alias without valid_from");
            aliases.Add(new Alias(ParseCode(csv, csv[0], 5, pool), ParseCode(csv, csv[1], 5, pool), validFrom));
        }

        return aliases;
    }

    private static CsvRecordReader OpenCsv(string text, string source, string header)
    {
        // Tolerate a BOM in case a test or a hand-edited file brings one; the generated data has none.
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var csv = new CsvRecordReader(text, source);
        if (!csv.Read())
            throw new InvalidDataException($"{source}: empty file");
        var columns = header.Split(',');
        ExpectFields(csv, columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            if (!csv[i].SequenceEqual(columns[i]))
                throw csv.Error($"expected header '{header}'");
        }

        return csv;
    }

    private static void ExpectFields(CsvRecordReader csv, int count)
    {
        if (csv.FieldCount != count)
            throw csv.Error($"expected {count} fields, found {csv.FieldCount}");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AdminLevel ParseLevel(CsvRecordReader csv, ReadOnlySpan<char> value) => value switch
    {
        "commune" => AdminLevel.Commune,
        "district" => AdminLevel.District,
        "province" => AdminLevel.Province,
        _ => throw csv.Error($"unknown level '{value}'"),
    };

    private static int CodeLength(AdminLevel level) => level switch
    {
        AdminLevel.Province => 2,
        AdminLevel.District => 3,
        _ => 5,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string ParseCode(CsvRecordReader csv, ReadOnlySpan<char> value, int length, StringPool pool)
    {
        if (value.Length != length || value.ContainsAnyExceptInRange('0', '9'))
            throw csv.Error($"'{value}' is not a {length}-digit code");
        return pool.Get(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DateOnly? ParseDate(CsvRecordReader csv, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
            return null;
        // Fixed ISO format parsed by hand: DateOnly.TryParseExact goes through culture-aware parsing,
        // which showed up as a visible share of the cold start for ~11,000 dates.
        if (value.Length == 10 && value[4] == '-' && value[7] == '-'
            && TryDigits(value[..4], out var year) && TryDigits(value.Slice(5, 2), out var month)
            && TryDigits(value.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        throw csv.Error($"'{value}' is not a yyyy-MM-dd date");
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private readonly record struct Alias(string AliasCode, string Code, DateOnly ValidFrom);

    /// <summary>All versions of one level's units, findable by code and by province.</summary>
    private sealed class LevelIndex
    {
        private readonly AdminUnit[] _sorted;
        private readonly GroupedIndex<AdminUnit> _byCode;
        private readonly GroupedIndex<AdminUnit> _byProvince;

        private LevelIndex(AdminUnit[] sorted)
        {
            _sorted = sorted;
            // Grouping is stable, so both indexes inherit the code order and versions stay oldest first.
            _byCode = GroupedIndex<AdminUnit>.Build(sorted, static u => u.Code);
            _byProvince = GroupedIndex<AdminUnit>.Build(sorted, static u => u.ProvinceCode);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static LevelIndex Build(List<AdminUnit> units, string source)
        {
            // The import writes rows sorted, so the check is normally the whole cost; sort only hand-made input.
            for (var i = 1; i < units.Count; i++)
            {
                if (CompareVersions(units[i - 1], units[i]) > 0)
                {
                    units.Sort(CompareVersions);
                    break;
                }
            }

            // Overlapping versions would make a lookup's answer depend on row order.
            for (var i = 1; i < units.Count; i++)
            {
                var (previous, current) = (units[i - 1], units[i]);
                if (previous.Code == current.Code
                    && (previous.ValidTo is not { } end || current.ValidFrom is not { } start || start <= end))
                {
                    throw new InvalidDataException($"{source}: overlapping versions of {current.Level} {current.Code}");
                }
            }

            return new LevelIndex([.. units]);
        }

        public AdminUnit? Find(string code, DateOnly on)
        {
            ArgumentNullException.ThrowIfNull(code);
            foreach (var version in _byCode[code])
            {
                if (version.IsValidOn(on))
                    return version;
            }

            return null;
        }

        public AdminUnit[] OfProvince(string provinceCode, DateOnly on)
        {
            ArgumentNullException.ThrowIfNull(provinceCode);
            return ValidOn(_byProvince[provinceCode], on);
        }

        public AdminUnit[] All(DateOnly on) => ValidOn(_sorted, on);

        public AdminUnit[] AllOf(string provinceCode) => [.. _byProvince[provinceCode]];

        // Returns a fresh array so callers cannot alter the shared catalogue.
        private static AdminUnit[] ValidOn(ReadOnlySpan<AdminUnit> units, DateOnly on)
        {
            var result = new List<AdminUnit>(units.Length);
            foreach (var unit in units)
            {
                if (unit.IsValidOn(on))
                    result.Add(unit);
            }

            return [.. result];
        }

        private static int CompareVersions(AdminUnit a, AdminUnit b)
        {
            var byCode = string.CompareOrdinal(a.Code, b.Code);
            if (byCode != 0)
                return byCode;
            // An unknown start (null) is earlier than any date.
            return (a.ValidFrom, b.ValidFrom) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                ({ } x, { } y) => x.CompareTo(y),
            };
        }
    }

    /// <summary>Hands out one string instance per distinct value, looked up by span without allocating.</summary>
    private sealed class StringPool
    {
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Get(ReadOnlySpan<char> value)
        {
            var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(value, out var existing))
                return existing;
            var created = value.ToString();
            _strings.Add(created, created);
            return created;
        }
    }
}
