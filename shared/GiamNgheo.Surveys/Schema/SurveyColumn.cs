namespace GiamNgheo.Surveys.Schema;

/// <summary>The kind of value a survey column holds, which decides how it is parsed and validated.</summary>
public enum ColumnKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A fixed number of digits kept as text (codes, citizen ID): leading zeros matter.</summary>
    Digits,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A non-negative number, possibly with decimals.</summary>
    Number,

    /// <summary>An amount of VND; Vietnamese thousands separators are accepted.</summary>
    Money,

    /// <summary>0 or 1; blank means unknown.</summary>
    Flag,

    /// <summary>One of a fixed list of ASCII codes.</summary>
    Code,
}

/// <summary>One column of a survey sheet: its machine key, Vietnamese label and what it accepts.</summary>
/// <param name="Key">Stable ASCII key used in CSV headers and in the template's header cells.</param>
/// <param name="Label">Vietnamese label shown to the commune officer.</param>
/// <param name="Kind">How values are parsed.</param>
/// <param name="Required">Whether the column must be present (and, for most, filled).</param>
/// <param name="Help">Vietnamese help text for the instructions sheet.</param>
/// <param name="Codes">Allowed codes for <see cref="ColumnKind.Code"/>, with Vietnamese labels.</param>
/// <param name="DigitCount">Digit count for <see cref="ColumnKind.Digits"/>.</param>
/// <param name="Min">Smallest whole number accepted, where fixed (year-dependent bounds are applied by the reader).</param>
/// <param name="Max">Largest whole number accepted, where fixed.</param>
public sealed record SurveyColumn(
    string Key,
    string Label,
    ColumnKind Kind,
    bool Required,
    string Help,
    IReadOnlyList<CodeValue>? Codes = null,
    int DigitCount = 0,
    long Min = 0,
    long Max = long.MaxValue)
{
    /// <summary>The header text the template writes: the label, then the key in parentheses.</summary>
    public string HeaderText => $"{Label} ({Key})";
}

/// <summary>An allowed code with its Vietnamese label.</summary>
public sealed record CodeValue(string Code, string Label)
{
    /// <summary>The label folded for matching (no case, no diacritics), computed once rather than for every cell.</summary>
    internal string FoldedLabel { get; } = Reading.VietnameseText.Fold(Label);
}

/// <summary>A sheet of the survey (or a CSV file of the same name).</summary>
/// <param name="Name">Sheet name, and CSV file name without <c>.csv</c>.</param>
/// <param name="Title">Vietnamese title.</param>
/// <param name="Required">Whether the survey must contain it.</param>
/// <param name="Columns">Known columns, in template order.</param>
public sealed record SurveySheet(string Name, string Title, bool Required, IReadOnlyList<SurveyColumn> Columns)
{
    /// <summary>The column with this key, or null.</summary>
    public SurveyColumn? Find(string key) => Columns.FirstOrDefault(c => c.Key == key);
}
