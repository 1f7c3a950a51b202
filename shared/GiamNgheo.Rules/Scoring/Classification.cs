using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Scoring;

/// <summary>The class of a household under a standard.</summary>
public enum HouseholdClass
{
    /// <summary>Hộ nghèo (<c>ngheo</c>).</summary>
    Poor,

    /// <summary>Hộ cận nghèo (<c>can_ngheo</c>).</summary>
    NearPoor,

    /// <summary>Hộ làm NLNDN có mức sống trung bình (<c>muc_song_trung_binh</c>).</summary>
    MiddleLiving,

    /// <summary>Không thuộc các diện trên (<c>khong_ngheo</c>).</summary>
    NotPoor,
}

/// <summary>Stable codes and Vietnamese labels of <see cref="HouseholdClass"/>.</summary>
public static class HouseholdClasses
{
    /// <summary>All classes in report order.</summary>
    public static IReadOnlyList<HouseholdClass> All { get; } = [HouseholdClass.Poor, HouseholdClass.NearPoor, HouseholdClass.MiddleLiving, HouseholdClass.NotPoor];

    /// <summary>The stable ASCII code used in files and APIs.</summary>
    public static string Code(this HouseholdClass c) => c switch
    {
        HouseholdClass.Poor => "ngheo",
        HouseholdClass.NearPoor => "can_ngheo",
        HouseholdClass.MiddleLiving => "muc_song_trung_binh",
        _ => "khong_ngheo",
    };

    /// <summary>The class with this stable code, or null for an unknown code.</summary>
    public static HouseholdClass? FromCode(string? code)
    {
        foreach (var c in All)
        {
            if (string.Equals(c.Code(), code, StringComparison.Ordinal))
                return c;
        }

        return null;
    }

    /// <summary>The Vietnamese label.</summary>
    public static string Label(this HouseholdClass c) => c switch
    {
        HouseholdClass.Poor => "Hộ nghèo",
        HouseholdClass.NearPoor => "Hộ cận nghèo",
        HouseholdClass.MiddleLiving => "Hộ có mức sống trung bình",
        _ => "Không nghèo",
    };
}

/// <summary>Which income test decided whether the household is income-poor.</summary>
public enum IncomeTestKind
{
    /// <summary>B1 points (điểm A) against the standard's point threshold.</summary>
    B1Points,

    /// <summary>Income per person per month against the income line.</summary>
    Income,
}

/// <summary>The income test applied, with the values compared.</summary>
/// <param name="Kind">B1 points or income.</param>
/// <param name="Value">The household's value.</param>
/// <param name="Threshold">The standard's threshold for the household's area (inclusive).</param>
/// <param name="Passed">True when the value is at or below the threshold.</param>
public sealed record IncomeTest(IncomeTestKind Kind, decimal Value, decimal Threshold, bool Passed);

/// <summary>Where an indicator's value came from.</summary>
public enum IndicatorSource
{
    /// <summary>The explicit 0/1 flag in the survey.</summary>
    Flag,

    /// <summary>Derived from household or member facts by a rule of the standard.</summary>
    Derived,

    /// <summary>Blank and not derivable: counted as not deprived.</summary>
    Default,
}

/// <summary>The value of one indicator for one household, and why.</summary>
/// <remarks>The reason is written only when read: building Vietnamese text for every indicator of every household
/// would cost more than the scoring itself.</remarks>
public readonly struct IndicatorOutcome
{
    private const string NoRule = "không khai và không có quy tắc suy ra";
    private readonly DerivationRule? _rule;
    private readonly HouseholdFacts? _facts;
    private readonly DerivedState _state;

    internal IndicatorOutcome(IndicatorDefinition indicator, bool deprived, IndicatorSource source, DerivationRule? rule = null, HouseholdFacts? facts = null, DerivedState state = DerivedState.Unknown)
    {
        Indicator = indicator;
        Deprived = deprived;
        Source = source;
        _rule = rule;
        _facts = facts;
        _state = state;
    }

    /// <summary>The indicator.</summary>
    public IndicatorDefinition Indicator { get; }

    /// <summary>Whether the household is deprived in it.</summary>
    public bool Deprived { get; }

    /// <summary>Flag, derivation or default.</summary>
    public IndicatorSource Source { get; }

    /// <summary>Vietnamese reason: the derivation's finding, or why it could not be derived; null for a declared flag.</summary>
    public string? Reason => Source == IndicatorSource.Flag ? null : _rule is null ? NoRule : _rule.Describe(_facts!, _state);
}

/// <summary>A household's classification under one standard, with everything needed to explain it.</summary>
public sealed class Classification
{
    internal Classification(PovertyStandard standard, HouseholdClass householdClass, IncomeTest incomeTest,
        IndicatorOutcome[] indicators, int deprivationCount, string? middleLivingNote)
    {
        Standard = standard;
        Class = householdClass;
        IncomeTest = incomeTest;
        Indicators = indicators;
        DeprivationCount = deprivationCount;
        MiddleLivingNote = middleLivingNote;
    }

    /// <summary>The standard applied.</summary>
    public PovertyStandard Standard { get; }

    /// <summary>The class.</summary>
    public HouseholdClass Class { get; }

    /// <summary>The income test applied.</summary>
    public IncomeTest IncomeTest { get; }

    /// <summary>Every indicator of the standard, in legal order.</summary>
    public IReadOnlyList<IndicatorOutcome> Indicators { get; }

    /// <summary>Number of deprived indicators.</summary>
    public int DeprivationCount { get; }

    /// <summary>B2 score: points per indicator × deprived indicators.</summary>
    public int B2Score => DeprivationCount * Standard.B2PointsPerIndicator.Value;

    /// <summary>Why an agriculture household could not be assessed as middle-living, when that happened.</summary>
    public string? MiddleLivingNote { get; }

    /// <summary>The deprived indicators, in legal order.</summary>
    public IEnumerable<IndicatorOutcome> Deprived => Indicators.Where(i => i.Deprived);
}

/// <summary>A note about a scored household: a warning kept with the result, or the reason it could not be scored.</summary>
/// <param name="Column">The survey column concerned, if any.</param>
/// <param name="Message">Vietnamese message.</param>
public sealed record ScoringNote(string? Column, string Message);

/// <summary>A scored household: the national classification, the local one where the province has a standard, and warnings.</summary>
public sealed class ScoredHousehold
{
    internal ScoredHousehold(HouseholdFacts facts, Classification national, Classification? local, ScoringNote? localUndecided, IReadOnlyList<ScoringNote> warnings)
    {
        Facts = facts;
        National = national;
        Local = local;
        LocalUndecided = localUndecided;
        Warnings = warnings;
    }

    /// <summary>The facts scored.</summary>
    public HouseholdFacts Facts { get; }

    /// <summary>Classification under the national standard of the review year.</summary>
    public Classification National { get; }

    /// <summary>Classification under the province's local standard, when one applies and could decide.</summary>
    public Classification? Local { get; }

    /// <summary>Why the local standard could not classify the household (e.g. it has no B1 threshold and only B1 was given).</summary>
    /// <remarks>Kept apart from <see cref="Warnings"/> because it concerns the standard, not the row: callers summarise it once.</remarks>
    public ScoringNote? LocalUndecided { get; }

    /// <summary>Warnings about the row (disagreements between flags and facts, B1 against income…).</summary>
    public IReadOnlyList<ScoringNote> Warnings { get; }
}
