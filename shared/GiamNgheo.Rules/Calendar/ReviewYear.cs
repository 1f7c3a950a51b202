using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GiamNgheo.Rules.Calendar;

/// <summary>A review year (năm rà soát): the one place that knows its legal reference date.</summary>
/// <remarks>The periodic review opens on 1 September (QĐ 24/2021/QĐ-TTg Điều 3: periodic review 01/09–14/12; docs/rules.md), so administrative units,
/// standards and codes are resolved on that date. Years outside <see cref="First"/>–<see cref="Last"/> are refused
/// before they reach a catalog or a date constructor.</remarks>
public readonly record struct ReviewYear
{
    /// <summary>Earliest year accepted anywhere: the first review under a multidimensional standard (2016–2020 period).</summary>
    public const int First = 2016;

    /// <summary>Latest year accepted anywhere.</summary>
    public const int Last = 2100;

    private ReviewYear(int value) => Value = value;

    /// <summary>The calendar year.</summary>
    public int Value { get; }

    /// <summary>1 September of the year: the date units and codes are resolved on.</summary>
    public DateOnly ReferenceDate => new(Value, 9, 1);

    /// <summary>First day of the periodic review (QĐ 24/2021/QĐ-TTg Điều 3: "từ ngày 01/9"): the reference date.</summary>
    public DateOnly ReviewWindowStart => ReferenceDate;

    /// <summary>Last day of the periodic review (QĐ 24/2021/QĐ-TTg Điều 3: "đến hết ngày 14/12").</summary>
    public DateOnly ReviewWindowEnd => new(Value, 12, 14);

    /// <summary>Whether <paramref name="date"/> falls inside the periodic review, both ends included.</summary>
    public bool IsInReviewWindow(DateOnly date) => date >= ReviewWindowStart && date <= ReviewWindowEnd;

    /// <summary>The year; throws <see cref="ArgumentOutOfRangeException"/> outside the accepted range.</summary>
    public static ReviewYear Of(int value) =>
        TryCreate(value, out var year) ? year : throw new ArgumentOutOfRangeException(nameof(value), value, $"A review year is between {First} and {Last}.");

    /// <summary>The year, or false when outside the accepted range.</summary>
    public static bool TryCreate(int value, out ReviewYear year)
    {
        year = new ReviewYear(value);
        return value is >= First and <= Last;
    }

    /// <summary>Parses digits (a route or file value); false when not a year in range.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReviewYear year)
    {
        year = default;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && TryCreate(value, out year);
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
