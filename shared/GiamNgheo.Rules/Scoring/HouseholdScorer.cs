using System.Globalization;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Scoring;

/// <summary>Classifies households under the national standard of a review year and, where registered, the province's local standard.</summary>
/// <remarks>Thread-safe after construction. Member rows are folded into a small <see cref="MemberFacts"/> per household
/// (see <see cref="AddMember"/>) so that a whole commune never has to be held in memory.</remarks>
public sealed class HouseholdScorer
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private readonly DerivationRule[] _rules;
    private readonly DerivationRule[] _memberRules;
    private readonly Dictionary<PovertyStandard, DerivationRule?[]> _rulesByIndicator = [];
    private readonly MemberGroups _groups = MemberGroups.Default;

    /// <summary>Creates a scorer for a national standard and an optional local one.</summary>
    public HouseholdScorer(PovertyStandard national, PovertyStandard? local = null)
    {
        if (!national.IsNational)
            throw new ArgumentException($"{national.Id} is not a national standard.", nameof(national));
        if (local is { IsNational: true })
            throw new ArgumentException($"{local.Id} is not a local standard.", nameof(local));
        National = national;
        Local = local;

        var byDefinition = new Dictionary<DerivationDefinition, DerivationRule>();
        foreach (var standard in local is null ? [national] : new[] { national, local })
        {
            var byIndicator = new DerivationRule?[IndicatorCatalog.MaxIndicators];
            foreach (var definition in standard.Derivations)
            {
                if (!byDefinition.TryGetValue(definition, out var rule))
                    byDefinition[definition] = rule = DerivationRule.Create(definition);
                byIndicator[definition.Indicator.Index] = rule;
            }

            _rulesByIndicator[standard] = byIndicator;
        }

        _rules = [.. byDefinition.Values];
        _memberRules = [.. _rules.Where(r => r.UsesMembers)];
        for (var slot = 0; slot < _memberRules.Length; slot++)
            _memberRules[slot].Slot = slot;
    }

    /// <summary>The national standard applied.</summary>
    public PovertyStandard National { get; }

    /// <summary>The province's local standard, if any.</summary>
    public PovertyStandard? Local { get; }

    /// <summary>Creates the scorer for a review year and province from a catalog, or null when no national standard covers the year.</summary>
    public static HouseholdScorer? For(StandardCatalog catalog, int year, string provinceCode)
    {
        var national = catalog.NationalFor(year);
        return national is null ? null : new HouseholdScorer(national, catalog.LocalFor(provinceCode, year));
    }

    /// <summary>Starts an empty member summary for one household.</summary>
    public MemberFacts NewMemberFacts() => new(_memberRules.Length);

    /// <summary>Folds one member row into its household's summary.</summary>
    public void AddMember(MemberFacts facts, in MemberRecord member)
    {
        facts.Count++;
        facts.ProfileTally.Add(member, _groups);
        var tallies = facts.Tallies;
        for (var i = 0; i < _memberRules.Length; i++)
            _memberRules[i].Observe(ref tallies[i], member);
    }

    /// <summary>Scores one household. Returns false with the reason when the standard cannot decide it.</summary>
    public bool TryScore(HouseholdFacts household, out ScoredHousehold? result, out ScoringNote? error)
    {
        var warnings = new Warnings();
        var national = Classify(household, National, warnings, out error);
        if (national is null)
        {
            result = null;
            return false;
        }

        Classification? local = null;
        ScoringNote? localUndecided = null;
        if (Local is not null)
            local = Classify(household, Local, warnings: null, out localUndecided);

        result = new ScoredHousehold(household, national, local, localUndecided, warnings.List ?? (IReadOnlyList<ScoringNote>)[]);
        return true;
    }

    private Classification? Classify(HouseholdFacts h, PovertyStandard standard, Warnings? warnings, out ScoringNote? error)
    {
        var test = IncomeTestFor(h, standard, warnings, out error);
        if (test is null)
            return null;

        var outcomes = new IndicatorOutcome[standard.Indicators.Count];
        var rules = _rulesByIndicator[standard];
        var deprived = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var indicator = standard.Indicators[i];
            outcomes[i] = Outcome(h, indicator, rules[indicator.Index], warnings);
            if (outcomes[i].Deprived)
                deprived++;
        }

        string? middleNote = null;
        HouseholdClass householdClass;
        if (test.Passed)
        {
            householdClass = deprived >= standard.DeprivationCutoff.Value ? HouseholdClass.Poor : HouseholdClass.NearPoor;
        }
        else if (h.AgricultureHousehold != true)
        {
            householdClass = HouseholdClass.NotPoor;
        }
        else if (standard.MiddleLiving is not { } middle)
        {
            // Not the officer's to fix, so it is explained on the household but not raised as a warning on every row.
            householdClass = HouseholdClass.NotPoor;
            middleNote = $"chuẩn {standard.Id} chưa quy định mức sống trung bình";
        }
        else if (h.IncomePerCapita is not { } income)
        {
            householdClass = HouseholdClass.NotPoor;
            middleNote = "cần thu nhập bình quân để xác định mức sống trung bình";
            warnings?.Add(new ScoringNote("thu_nhap_binh_quan", $"Hộ NLNDN không xác định được mức sống trung bình: {middleNote}."));
        }
        else
        {
            householdClass = middle.Value.For(h.Area).Contains(income) ? HouseholdClass.MiddleLiving : HouseholdClass.NotPoor;
        }

        return new Classification(standard, householdClass, test, outcomes, deprived, middleNote);
    }

    private static IncomeTest? IncomeTestFor(HouseholdFacts h, PovertyStandard standard, Warnings? warnings, out ScoringNote? error)
    {
        error = null;
        var line = standard.IncomeLine.Value.For(h.Area);
        if (h.B1Points is { } points && standard.B1Threshold is { } b1)
        {
            var threshold = b1.Value.For(h.Area);
            var test = new IncomeTest(IncomeTestKind.B1Points, points, threshold, points <= threshold);
            if (h.IncomePerCapita is { } income && income <= line != test.Passed)
            {
                warnings?.Add(new ScoringNote("diem_b1",
                    $"Điểm B1 ({Number(points)} {(test.Passed ? "≤" : ">")} {Number(threshold)}) và thu nhập bình quân ({Number(income)} {(income <= line ? "≤" : ">")} {Number(line)} đồng) cho kết quả khác nhau; theo quy định dùng điểm B1."));
            }

            return test;
        }

        if (h.IncomePerCapita is { } perCapita)
            return new IncomeTest(IncomeTestKind.Income, perCapita, line, perCapita <= line);

        error = h.B1Points is not null
            ? new ScoringNote("thu_nhap_binh_quan", $"Chuẩn {standard.Id} không quy định ngưỡng điểm B1, nên cần khai thu nhập bình quân (thu_nhap_binh_quan) để xếp loại.")
            : new ScoringNote("thu_nhap_binh_quan", "Cần khai thu nhập bình quân (thu_nhap_binh_quan) hoặc điểm B1 (diem_b1).");
        return null;
    }

    private static IndicatorOutcome Outcome(HouseholdFacts h, IndicatorDefinition indicator, DerivationRule? rule, Warnings? warnings)
    {
        var bit = 1UL << indicator.Index;
        var state = rule?.Evaluate(h) ?? DerivedState.Unknown;
        var conclusive = state == DerivedState.Deprived || (state == DerivedState.NotDeprived && rule!.Definition.ConclusiveWhenNotDeprived);

        if ((h.FlagsGiven & bit) != 0)
        {
            var flag = (h.FlagsDeprived & bit) != 0;
            if (conclusive && (state == DerivedState.Deprived) != flag)
            {
                warnings?.Add(new ScoringNote(indicator.FlagColumn,
                    $"Chỉ số \"{indicator.Name}\": cột {indicator.FlagColumn} = {(flag ? 1 : 0)} nhưng dữ liệu cho thấy {(flag ? "không thiếu hụt" : "thiếu hụt")} ({rule!.Describe(h, state)}); dùng giá trị đã khai."));
            }

            return new IndicatorOutcome(indicator, flag, IndicatorSource.Flag);
        }

        return conclusive
            ? new IndicatorOutcome(indicator, state == DerivedState.Deprived, IndicatorSource.Derived, rule, h, state)
            : new IndicatorOutcome(indicator, false, IndicatorSource.Default, rule, h, state);
    }

    /// <summary>Warnings of one household, allocated only when there is one: most households have none.</summary>
    private sealed class Warnings
    {
        public List<ScoringNote>? List { get; private set; }

        public void Add(ScoringNote note) => (List ??= []).Add(note);
    }

    private static string Number(decimal value) => value.ToString("#,##0.##", Vi);
}
