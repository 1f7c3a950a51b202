using GiamNgheo.Surveys.Changes;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Where a start-of-period list came from.</summary>
public enum StartSource
{
    /// <summary>The previous year's counted list of a commune whose chairman's decision (<c>quyet-dinh</c>) is recorded.</summary>
    Decided,

    /// <summary>The previous year's counted list, with no decision recorded.</summary>
    Counted,

    /// <summary>The list the commune uploaded because the previous year is not in the system.</summary>
    Uploaded,
}

/// <summary>A household on a list: its code and class code.</summary>
public readonly record struct ListedHousehold(string HouseholdId, string Class);

/// <summary>One list that makes up (part of) a commune's start of the year.</summary>
/// <param name="OriginCommune">The commune whose list it is: the commune itself, or a pre-2025 commune that went into it.</param>
/// <param name="Source">Where the list came from.</param>
/// <param name="Shared">The origin commune was split between several 2025 communes (the mapping's <c>split</c>): only its
/// households this commune follows (found in its list or named in its declarations) belong to this commune's start.</param>
/// <param name="Households">The list's households; classes other than poor and near-poor are ignored.</param>
public sealed record StartList(string OriginCommune, StartSource Source, bool Shared, IReadOnlyList<ListedHousehold> Households);

/// <summary>Codes of households poor, and near-poor, in a year before the start (for tái nghèo and tái cận nghèo).</summary>
public sealed record EarlierClasses(IReadOnlySet<string> Poor, IReadOnlySet<string> NearPoor)
{
    /// <summary>No earlier year in the system.</summary>
    public static EarlierClasses None { get; } = new(new HashSet<string>(), new HashSet<string>());
}

/// <summary>Computes the <c>bien-dong</c> report commune by commune: follows each start household by code (through declared
/// renames) into this year's list and names every difference; a district or province is the sum of its communes.</summary>
/// <remarks>Plain domain code: the lists come in, the report comes out. The identity end = start − leaving + entering + other
/// is checked for every commune and class as it is added; a failure is a bug here, never a property of the data.</remarks>
public sealed class ChangeCalculator(int year)
{
    /// <summary>Class code of poor households.</summary>
    public const string PoorClass = "ngheo";

    /// <summary>Class code of near-poor households.</summary>
    public const string NearPoorClass = "can_ngheo";

    private readonly Tally _poor = new(PoorClass);
    private readonly Tally _nearPoor = new(NearPoorClass);
    private readonly List<string> _withoutStart = [];
    private readonly Dictionary<string, int> _sources = new(StringComparer.Ordinal) { ["decided"] = 0, ["counted"] = 0, ["uploaded"] = 0 };
    private int _communes;
    private int _collisions;
    private int _ignored;

    /// <summary>Adds one commune.</summary>
    /// <param name="communeCode">The commune.</param>
    /// <param name="start">Its start lists (one, or one per pre-2025 commune it was formed from); null when it has none, which
    /// leaves the commune out of every figure and lists it under <c>communesWithoutStart</c>.</param>
    /// <param name="end">This year's counted list, all classes.</param>
    /// <param name="declarations">The changes the commune declared for the year.</param>
    /// <param name="earlier">Households poor or near-poor in a year before the start.</param>
    public void AddCommune(string communeCode, IReadOnlyList<StartList>? start, IEnumerable<ListedHousehold> end, IReadOnlyList<DeclaredChange> declarations, EarlierClasses earlier)
    {
        if (start is null)
        {
            _withoutStart.Add(communeCode);
            return;
        }

        var commune = new CommuneFlows(start, end, declarations, earlier);
        var poor = _poor.Add(commune.For(PoorClass));
        var nearPoor = _nearPoor.Add(commune.For(NearPoorClass));
        if (!poor || !nearPoor)
            throw new InvalidOperationException($"The changes of commune {communeCode} do not balance: end ≠ start − leaving + entering + other.");
        _communes++;
        _collisions += commune.Collisions;
        _ignored += commune.Ignored;
        foreach (var list in start)
            _sources[SourceName(list.Source)]++;
    }

    /// <summary>The report of everything added.</summary>
    public ChangeReport Build()
    {
        var report = new ChangeReport(year, _poor.Build(), _nearPoor.Build(), _communes, [.. _withoutStart.Order(StringComparer.Ordinal)],
            new Dictionary<string, int>(_sources), _collisions, _ignored);
        if (!report.Poor.Balances() || !report.NearPoor.Balances())
            throw new InvalidOperationException("The unit's changes do not balance: end ≠ start − leaving + entering + other.");
        return report;
    }

    private static string SourceName(StartSource source) => source switch
    {
        StartSource.Decided => "decided",
        StartSource.Counted => "counted",
        _ => "uploaded",
    };

    /// <summary>The flow names of each class with their Vietnamese labels, in the order the report lists them.</summary>
    private static class Flows
    {
        public static readonly (string Name, string Poor, string NearPoor)[] Leaving =
        [
            ("toNearPoor", "Thoát nghèo, thành hộ cận nghèo", ""),
            ("toPoor", "", "Cận nghèo rơi xuống hộ nghèo"),
            ("aboveNearPoor", "Thoát nghèo, vượt chuẩn cận nghèo", "Thoát cận nghèo"),
        ];

        public static readonly (string Name, string Poor, string NearPoor)[] Entering =
        [
            ("new", "Hộ nghèo phát sinh mới", "Hộ cận nghèo phát sinh mới"),
            ("returned", "Tái nghèo", "Tái cận nghèo"),
            ("fromNearPoor", "Từ hộ cận nghèo thành hộ nghèo", ""),
            ("fromPoor", "", "Từ hộ nghèo thành hộ cận nghèo"),
        ];

        public static readonly (string Name, string Label)[] Other =
        [
            ("movedIn", "Chuyển đến (+)"),
            ("splitOff", "Tách hộ (+)"),
            ("movedOut", "Chuyển đi (−)"),
            ("merged", "Nhập vào hộ khác (−)"),
            ("diedOut", "Hộ không còn người (−)"),
            ("absentUndeclared", "Không có trong danh sách năm nay, không khai báo lý do (−)"),
        ];

        public static string Departure(string kind) => kind switch
        {
            ChangeListReader.MovedOut => "movedOut",
            ChangeListReader.Merged => "merged",
            _ => "diedOut",
        };
    }

    /// <summary>One class's flows of one commune, in signed counts.</summary>
    private sealed class ClassFlows
    {
        public int Start { get; set; }

        public int End { get; set; }

        public Dictionary<string, int> Leaving { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Entering { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Other { get; } = new(StringComparer.Ordinal);

        public bool Balances => End == Start - Leaving.Values.Sum() + Entering.Values.Sum() + Other.Values.Sum();
    }

    /// <summary>The sum of one class over the communes added.</summary>
    private sealed class Tally(string classCode)
    {
        private readonly ClassFlows _sum = new();

        public bool Add(ClassFlows commune)
        {
            _sum.Start += commune.Start;
            _sum.End += commune.End;
            AddAll(_sum.Leaving, commune.Leaving);
            AddAll(_sum.Entering, commune.Entering);
            AddAll(_sum.Other, commune.Other);
            return commune.Balances;
        }

        public ClassChanges Build()
        {
            var poor = classCode == PoorClass;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            return new ClassChanges(
                _sum.Start,
                Named(Flows.Leaving.Select(f => (f.Name, poor ? f.Poor : f.NearPoor)), _sum.Leaving, labels),
                Named(Flows.Entering.Select(f => (f.Name, poor ? f.Poor : f.NearPoor)), _sum.Entering, labels),
                Named(Flows.Other.Select(f => (f.Name, f.Label)), _sum.Other, labels),
                _sum.End,
                labels);
        }

        /// <summary>Every flow of the class, zero or not, so the JSON has the same shape for every unit.</summary>
        private static Dictionary<string, int> Named(IEnumerable<(string Name, string Label)> flows, Dictionary<string, int> counts, Dictionary<string, string> labels)
        {
            var named = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (name, label) in flows.Where(f => f.Label.Length > 0))
            {
                named[name] = counts.GetValueOrDefault(name);
                labels[name] = label;
            }

            return named;
        }

        private static void AddAll(Dictionary<string, int> sum, Dictionary<string, int> part)
        {
            foreach (var (name, count) in part)
                sum[name] = sum.GetValueOrDefault(name) + count;
        }
    }

    /// <summary>A start household as followed: where it came from, its class and its code in this year's list (null when it
    /// cannot be followed by code).</summary>
    /// <remarks>A class, not a record: it is mutated while it sits in sets, so its identity must not be its value.</remarks>
    private sealed class Followed(string origin, string householdId, string @class, bool shared)
    {
        public string Origin { get; } = origin;

        public string HouseholdId { get; } = householdId;

        public string Class { get; } = @class;

        public bool Shared { get; } = shared;

        public string? CurrentCode { get; set; }

        public string? Departure { get; set; }
    }

    /// <summary>The flows of one commune.</summary>
    private sealed class CommuneFlows
    {
        private readonly ClassFlows _poor = new();
        private readonly ClassFlows _nearPoor = new();

        public CommuneFlows(IReadOnlyList<StartList> start, IEnumerable<ListedHousehold> end, IReadOnlyList<DeclaredChange> declarations, EarlierClasses earlier)
        {
            var endClasses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var household in end)
                endClasses[household.HouseholdId] = household.Class;

            var starts = start
                .SelectMany(list => list.Households
                    .Where(h => h.Class is PoorClass or NearPoorClass)
                    .Select(h => new Followed(list.OriginCommune, h.HouseholdId, h.Class, list.Shared)))
                .ToList();
            var byCode = starts.ToLookup(s => s.HouseholdId, StringComparer.Ordinal);
            var colliding = byCode.Where(g => g.Select(s => s.Origin).Distinct(StringComparer.Ordinal).Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

            var declaredFor = new HashSet<Followed>();
            var arrivals = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var declaration in declarations)
            {
                if (declaration.Kind is ChangeListReader.MovedIn or ChangeListReader.Split)
                {
                    arrivals[declaration.HouseholdId] = declaration.Kind;
                    continue;
                }

                // A code several pre-2025 communes hold needs the old commune to say which household is meant.
                var matches = byCode[declaration.HouseholdId].Where(s => declaration.OldCommuneCode is null || s.Origin == declaration.OldCommuneCode).ToList();
                if (matches.Count != 1 || !declaredFor.Add(matches[0]))
                {
                    Ignored++;
                    continue;
                }

                if (declaration.Kind == ChangeListReader.Renamed)
                    matches[0].CurrentCode = declaration.NewHouseholdId;
                else
                    matches[0].Departure = declaration.Kind;
            }

            var claimed = starts.Where(s => s.CurrentCode is not null).Select(s => s.CurrentCode!).ToHashSet(StringComparer.Ordinal);
            // A household declared gone is still looked for under its code: if it is listed, the list wins.
            foreach (var household in starts.Where(s => s.CurrentCode is null))
            {
                if (!colliding.Contains(household.HouseholdId) && !claimed.Contains(household.HouseholdId))
                    household.CurrentCode = household.HouseholdId;
            }

            // Once a declaration names one holder of a colliding code, the code is told apart: the other holders are not followed.
            Collisions = colliding.Count(code => !byCode[code].Any(declaredFor.Contains));

            var matched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var household in starts)
            {
                // Two start households never end as one listed household: the second is not found.
                var found = household.CurrentCode is { } code && endClasses.ContainsKey(code) && !matched.Contains(code);
                // A split commune's household belongs to the start of the commune that follows it, and to no other's.
                if (household.Shared && !found && household.Departure is null)
                    continue;
                var from = Of(household.Class);
                from.Start++;
                if (found)
                {
                    if (household.Departure is not null)
                        Ignored++;
                    matched.Add(household.CurrentCode!);
                    Move(household.Class, endClasses[household.CurrentCode!]);
                }
                else if (household.Departure is { } kind)
                {
                    Count(from.Other, Flows.Departure(kind), -1);
                }
                else
                {
                    Count(from.Other, "absentUndeclared", -1);
                }
            }

            foreach (var (code, @class) in endClasses)
            {
                if (@class is not (PoorClass or NearPoorClass))
                    continue;
                var to = Of(@class);
                to.End++;
                if (matched.Contains(code))
                {
                    if (arrivals.ContainsKey(code))
                        Ignored++;
                    continue;
                }

                if (arrivals.TryGetValue(code, out var arrival))
                    Count(to.Other, arrival == ChangeListReader.MovedIn ? "movedIn" : "splitOff", 1);
                else if ((@class == PoorClass ? earlier.Poor : earlier.NearPoor).Contains(code))
                    Count(to.Entering, "returned", 1);
                else
                    Count(to.Entering, "new", 1);
            }
        }

        public int Collisions { get; }

        public int Ignored { get; private set; }

        public ClassFlows For(string classCode) => Of(classCode);

        private ClassFlows Of(string classCode) => classCode == PoorClass ? _poor : _nearPoor;

        /// <summary>A followed household's reclassification: out of its start class, into its end class.</summary>
        private void Move(string from, string to)
        {
            if (from == to)
                return;
            if (from == PoorClass)
            {
                Count(_poor.Leaving, to == NearPoorClass ? "toNearPoor" : "aboveNearPoor", 1);
                if (to == NearPoorClass)
                    Count(_nearPoor.Entering, "fromPoor", 1);
            }
            else
            {
                Count(_nearPoor.Leaving, to == PoorClass ? "toPoor" : "aboveNearPoor", 1);
                if (to == PoorClass)
                    Count(_poor.Entering, "fromNearPoor", 1);
            }
        }

        private static void Count(Dictionary<string, int> flows, string name, int delta) => flows[name] = flows.GetValueOrDefault(name) + delta;
    }
}
