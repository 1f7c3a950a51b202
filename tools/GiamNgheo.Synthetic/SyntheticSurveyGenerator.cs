using GiamNgheo.Surveys.Reading;
using System.Globalization;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Schema;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Synthetic;

/// <summary>Writes realistic, reproducible synthetic commune surveys for demos, tests and benchmarks.</summary>
/// <remarks>
/// <para>Everything is drawn from <see cref="Random"/> instances seeded from the options' seed and the commune code, so the
/// same options give byte-identical CSV content. Rows are written as they are generated and never kept: writing a
/// commune of 200,000 households takes as little memory as one of 200.</para>
/// <para>The numbers are synthetic, chosen to look plausible, not statistics:</para>
/// <list type="bullet">
/// <item>Each commune is prosperous, average or remote (wards mostly prosperous, a quarter of rural communes remote).
/// Income per person is log-normal around the year's income line — ln(income ÷ line) has a commune mean and a spread
/// of 0.6 — so that about 2–7%, 6–18% and 25–47% of households are at or below the line. Working relative to the
/// line keeps the shares sensible under every standard, 2027's higher lines included. The reviewed households are the
/// part of the residents in which hardship is over-represented, hence shares above the official poverty rates.</item>
/// <item>Deprivations grow with the distance below the line and cluster within a household, so about half of the
/// households below the line are poor (3+ deprivations) and the rest near-poor: across a province typically 5–15%
/// poor and as many near-poor, depending on how many remote communes it has. Member facts (health insurance,
/// schooling, malnutrition, work, allowances) follow ages and hardship, so the scorer also derives deprivations.
/// Explicit flags of derivable indicators always agree with what the scorer derives; other flags are usually
/// explicit when deprived and often blank otherwise.</item>
/// <item>B1 points, where the standard has a threshold, are threshold × income ÷ line with 5% noise, so B1 and income
/// disagree only very near the line. About 70% of households have B1 points; income is given for the rest, for
/// half of those with B1, and for every farming household, whose middle-living status is decided on income.</item>
/// <item>Household size 1–9, mostly 3–4 (mean about 3.6, larger in remote communes); heads of 24–73 (older when
/// alone), spouses, children, parents, married children and grandchildren with consistent ages and family names.</item>
/// <item>Ethnic-minority households are 40–95% of a remote commune and 1–6% elsewhere, with lower incomes;
/// 2.5% of households have a person with meritorious services; 60% of rural and 5% of urban households farm.</item>
/// </list>
/// </remarks>
public sealed class SyntheticSurveyGenerator
{
    private readonly AdminUnitCatalog _units;
    private readonly StandardCatalog _standards;

    /// <summary>Creates a generator drawing communes from <paramref name="units"/> and rules from <paramref name="standards"/>.</summary>
    public SyntheticSurveyGenerator(AdminUnitCatalog units, StandardCatalog standards)
    {
        _units = units;
        _standards = standards;
    }

    /// <summary>Writes one survey per commune into <paramref name="outputDirectory"/> and returns their paths.</summary>
    /// <remarks>The communes are real communes of the province in force on 1 September of the year, spread evenly over
    /// the province's code list from a starting point chosen by the seed, in code order.</remarks>
    /// <exception cref="ArgumentException">The province does not exist on that date, has fewer communes than asked,
    /// or no standard covers the year.</exception>
    public IReadOnlyList<string> Generate(SyntheticOptions options, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Communes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HouseholdsPerCommune, 1, nameof(options));
        RequireStandard(options.Year, nameof(options));
        var on = ReferenceDate(options.Year);
        if (_units.FindProvince(options.ProvinceCode, on) is null)
            throw new ArgumentException($"Province \"{options.ProvinceCode}\" is not in the administrative units catalogue on {on:yyyy-MM-dd}.", nameof(options));
        var communes = _units.CommunesOf(options.ProvinceCode, on);
        if (communes.Count < options.Communes)
            throw new ArgumentException($"Province {options.ProvinceCode} has {communes.Count} communes on {on:yyyy-MM-dd}; {options.Communes} were asked for.", nameof(options));

        Directory.CreateDirectory(outputDirectory);
        var extension = options.Format switch
        {
            SurveyFormat.Xlsx => ".xlsx",
            SurveyFormat.CsvZip => ".zip",
            _ => "",
        };
        var paths = new List<string>(options.Communes);
        foreach (var commune in Spread(communes, options.Communes, options.Seed))
        {
            var path = Path.Combine(outputDirectory, commune.Code + extension);
            WriteCommune(commune.Code, options.Year, options.HouseholdsPerCommune, options.Seed, options.Format, path, cancellationToken);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>The survey file of one commune as bytes (an .xlsx or a .zip of CSVs): what an officer would upload.</summary>
    public byte[] CommuneFile(string communeCode, int year, int households, int seed, SurveyFormat format = SurveyFormat.Xlsx)
    {
        if (format == SurveyFormat.CsvFolder)
            throw new ArgumentException("A folder of CSVs is not one file; use Xlsx or CsvZip.", nameof(format));
        var path = Path.Combine(Path.GetTempPath(), $"giamngheo-synthetic-{Guid.NewGuid():N}");
        try
        {
            WriteCommune(communeCode, year, households, seed, format, path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the survey of one commune, streaming: memory does not grow with <paramref name="households"/>.</summary>
    /// <remarks>Gives the same survey as <see cref="Generate"/> does for this commune with the same seed. The file (or
    /// the folder's CSV files) appears only once complete.</remarks>
    /// <param name="communeCode">5-digit code of a commune in force on 1 September of <paramref name="year"/>.</param>
    /// <param name="year">Review year.</param>
    /// <param name="households">Reviewed households to write.</param>
    /// <param name="seed">Seed; combined with the commune code.</param>
    /// <param name="format">Packaging.</param>
    /// <param name="path">The .xlsx or .zip file, or the folder, to write.</param>
    /// <param name="cancellationToken">Stops between rows; nothing is left behind.</param>
    /// <exception cref="ArgumentException">The commune does not exist on that date, no standard covers the year, or an
    /// xlsx would exceed a sheet's row limit.</exception>
    public void WriteCommune(string communeCode, int year, int households, int seed, SurveyFormat format, string path, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(households, 1);
        RequireStandard(year, nameof(year));
        var on = ReferenceDate(year);
        var commune = _units.FindCommune(communeCode, on)?.Unit
            ?? throw new ArgumentException($"Commune \"{communeCode}\" is not in the administrative units catalogue on {on:yyyy-MM-dd}.", nameof(communeCode));
        var rules = SyntheticYear.For(_standards, year, commune.ProvinceCode)!;
        var communeSeed = SyntheticSeed.Derive(seed, int.Parse(commune.Code, CultureInfo.InvariantCulture));
        var profile = CommuneProfile.Draw(commune, households, new Random(SyntheticSeed.Derive(communeSeed, SyntheticSeed.ProfileStream)));
        // ID numbers carry the birth province's code from the 63-province list, still used for the people born then.
        var birthProvinces = _units.Provinces(AdminUnitCatalog.TwoTierFrom.AddDays(-1)).Select(p => p.Code).ToArray();
        var synthesizer = new HouseholdSynthesizer(profile, rules, households, communeSeed, birthProvinces, _standards.Indicators.All.Count);
        var sheets = new SyntheticSheets(rules, _standards.Indicators);
        var persons = synthesizer.CountPersons();
        if (format == SurveyFormat.Xlsx && persons >= XlsxStreamWriter.MaxRows)
            throw new ArgumentException($"{households} households have {persons} members, more than an xlsx sheet holds; use a CSV format.", nameof(households));

        using var writer = SurveyFileWriter.Create(format, path, new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        writer.StartSheet(SurveySchema.InfoSheet, sheets.InfoColumns);
        writer.WriteRow(sheets.InfoRow(profile, households, persons));
        writer.EndSheet();

        var row = new SurveyCell[sheets.HouseholdColumns.Count];
        writer.StartSheet(SurveySchema.HouseholdSheet, sheets.HouseholdColumns);
        foreach (var household in synthesizer.Households())
        {
            cancellationToken.ThrowIfCancellationRequested();
            sheets.HouseholdRow(household, row);
            writer.WriteRow(row);
        }

        writer.EndSheet();

        row = new SurveyCell[sheets.MemberColumns.Count];
        writer.StartSheet(SurveySchema.MemberSheet, sheets.MemberColumns);
        foreach (var household in synthesizer.Households())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in household.Members)
            {
                sheets.MemberRow(household, member, row);
                writer.WriteRow(row);
            }
        }

        writer.EndSheet();
        writer.Commit();
    }

    /// <summary>1 September: the day the scorer resolves unit codes on.</summary>
    private static DateOnly ReferenceDate(int year) => new(year, 9, 1);

    private void RequireStandard(int year, string paramName)
    {
        if (_standards.NationalFor(year) is null)
            throw new ArgumentException($"No national poverty standard covers {year}.", paramName);
    }

    /// <summary>Every (size ÷ count)-th commune from a seeded starting point, so the sample spans the province's districts.</summary>
    private static IEnumerable<AdminUnit> Spread(IReadOnlyList<AdminUnit> communes, int count, int seed)
    {
        var offset = new Random(seed).NextDouble();
        var step = (double)communes.Count / count;
        for (var i = 0; i < count; i++)
            yield return communes[Math.Min(communes.Count - 1, (int)((i + offset) * step))];
    }
}
