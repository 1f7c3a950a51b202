namespace GiamNgheo.Pipeline.Reports;

/// <summary>The <c>bien-dong</c> report: per class the start of the year, the flows out, in and otherwise, and the end
/// (definitions in docs/reports.md).</summary>
/// <param name="Year">The review year whose end the report reaches.</param>
/// <param name="Poor">Poor households (<c>ngheo</c>).</param>
/// <param name="NearPoor">Near-poor households (<c>can_ngheo</c>).</param>
/// <param name="Communes">Communes whose figures are included.</param>
/// <param name="CommunesWithoutStart">Communes with a counted list this year but no start-of-period list, left out of every figure.</param>
/// <param name="StartLists">How many start lists of each source were used: <c>decided</c>, <c>counted</c>, <c>uploaded</c>.</param>
/// <param name="CodeCollisions">Household codes held by several pre-2025 communes of one merged commune's start that no
/// declaration tells apart; those start households cannot be followed.</param>
/// <param name="IgnoredDeclarations">Declarations that contradict the lists (a household declared gone that is in this
/// year's list, a rename or departure of a household not in the start list, an arrival of one already followed).</param>
public sealed record ChangeReport(
    int Year,
    ClassChanges Poor,
    ClassChanges NearPoor,
    int Communes,
    IReadOnlyList<string> CommunesWithoutStart,
    IReadOnlyDictionary<string, int> StartLists,
    int CodeCollisions,
    int IgnoredDeclarations);

/// <summary>One class's changes over the year: end = start − Σ leaving + Σ entering + Σ other.</summary>
/// <param name="Start">Households of the class at the start of the year.</param>
/// <param name="Leaving">Households that left the class by being reclassified, by flow.</param>
/// <param name="Entering">Households that entered the class by being classified into it, by flow.</param>
/// <param name="Other">Households that came or went otherwise, signed (+ came, − went), by flow.</param>
/// <param name="End">Households of the class in this year's counted list.</param>
/// <param name="Labels">The Vietnamese label of every flow name above.</param>
public sealed record ClassChanges(
    int Start,
    IReadOnlyDictionary<string, int> Leaving,
    IReadOnlyDictionary<string, int> Entering,
    IReadOnlyDictionary<string, int> Other,
    int End,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>Whether end = start − leaving + entering + other holds.</summary>
    public bool Balances() => End == Start - Leaving.Values.Sum() + Entering.Values.Sum() + Other.Values.Sum();
}
