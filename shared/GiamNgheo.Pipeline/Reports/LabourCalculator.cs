using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Folds a unit's reviewed households, one at a time, into its <see cref="LabourReport"/> (<c>lao-dong</c>).</summary>
/// <remarks>Sums the stored member profiles of poor and of near-poor households; persons are the members listed, so every
/// percentage has its denominator in the same rows. Memory: a few counters.</remarks>
public sealed class LabourCalculator
{
    private static readonly EmploymentStatus[] Statuses = Enum.GetValues<EmploymentStatus>();
    private readonly int _year;
    private readonly Tally _poor = new();
    private readonly Tally _nearPoor = new();

    /// <summary>Starts an empty fold for the review year.</summary>
    public LabourCalculator(int year) => _year = year;

    /// <summary>Adds one reviewed household; households of other classes are not counted.</summary>
    public void Add(HouseholdRecord household)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (ReportClasses.Of(household) switch { ReportClass.Poor => _poor, ReportClass.NearPoor => _nearPoor, _ => null } is not { } t)
            return;
        t.Households++;
        if (household.Members is not { } p)
        {
            t.WithoutMembers++;
            t.PersonsWithoutMembers += household.Persons;
            return;
        }

        t.Persons += p.Members;
        t.Aged15Plus += p.Aged15Plus;
        t.WithLabourCapacity += p.WithLabourCapacity;
        t.WithoutLabourCapacity += p.WithoutLabourCapacity;
        foreach (var status in Statuses)
            t.Employment[(int)status] += p.Employment[status];
    }

    /// <summary>The report of the households added so far; <c>householdsRate</c> over the unit's resident households.</summary>
    public LabourReport Build(long residentHouseholds) => new(_year, residentHouseholds, Of(_poor, residentHouseholds), Of(_nearPoor, residentHouseholds));

    private static ClassLabour Of(Tally t, long resident)
    {
        var employment = new Dictionary<string, Figure>(Statuses.Length, StringComparer.Ordinal);
        long withStatus = 0;
        foreach (var status in Statuses)
        {
            var count = t.Employment[(int)status];
            withStatus += count;
            employment[SurveySchema.EmploymentCode(status)] = Figure.Of(count, t.Aged15Plus);
        }

        var withoutJob = t.Employment[(int)EmploymentStatus.NotEmployed] + t.Employment[(int)EmploymentStatus.LookingForWork];
        return new ClassLabour(
            t.Households,
            ReportMath.Rate(t.Households, resident),
            t.WithoutMembers,
            t.PersonsWithoutMembers,
            t.Persons,
            Figure.Of(t.Aged15Plus, t.Persons),
            Figure.Of(t.WithLabourCapacity, t.Persons),
            Figure.Of(t.WithoutLabourCapacity, t.Persons),
            Figure.Of(t.Aged15Plus - t.WithLabourCapacity - t.WithoutLabourCapacity, t.Persons),
            employment,
            Figure.Of(t.Aged15Plus - withStatus, t.Aged15Plus),
            new SupportGroups(
                Figure.Of(withoutJob, t.Aged15Plus),
                Figure.Of(t.Employment[(int)EmploymentStatus.NotWillingToWork], t.Aged15Plus),
                Figure.Of(t.WithoutLabourCapacity, t.Aged15Plus)));
    }

    private sealed class Tally
    {
        public long Households;
        public long WithoutMembers;
        public long PersonsWithoutMembers;
        public long Persons;
        public long Aged15Plus;
        public long WithLabourCapacity;
        public long WithoutLabourCapacity;
        public readonly long[] Employment = new long[Statuses.Length];
    }
}
