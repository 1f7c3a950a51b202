using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Exports;

/// <summary>Names one build of a province workbook: the province, the year and the fingerprint of what counted.</summary>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">Two-digit province code.</param>
/// <param name="Fingerprint">32 hex digits over the communes' counted submissions.</param>
public sealed record ExportBuildId(int Year, string ProvinceCode, string Fingerprint)
{
    /// <summary>The orchestration instance that builds it: one per province and content, whoever asks.</summary>
    public string InstanceId => $"export-{Year}-{ProvinceCode}-{Fingerprint}";

    /// <summary>Where the finished workbook is stored (its existence means the build is complete).</summary>
    public string WorkbookBlobName => $"{Year}/{ProvinceCode}/{Fingerprint}.xlsx";

    /// <summary>Where the build's manifest (the communes as they counted when it was requested) is stored.</summary>
    public string ManifestBlobName => $"{Year}/{ProvinceCode}/{Fingerprint}/manifest.json";

    /// <summary>Where one commune's extracted households wait for the assembly.</summary>
    public string ExtractBlobName(string communeCode) => $"{Year}/{ProvinceCode}/{Fingerprint}/communes/{communeCode}.jsonl.gz";

    /// <summary>Prefix of every intermediate blob of the build.</summary>
    public string WorkPrefix => $"{Year}/{ProvinceCode}/{Fingerprint}/";

    /// <summary>The file name offered for download.</summary>
    public string FileName => $"giamngheo-{Year}-{ProvinceCode}-{Fingerprint[..8]}.xlsx";

    /// <summary>Where the build's Parquet files are stored, one per entity, in the year/province layout of the exports.</summary>
    public string ParquetPrefix => $"{Year}/{ProvinceCode}/{Fingerprint}/parquet/";

    /// <summary>Where the zip of the build's Parquet files is stored (what <c>?format=parquet</c> answers).</summary>
    public string ParquetZipBlobName => $"{Year}/{ProvinceCode}/{Fingerprint}.parquet.zip";

    /// <summary>The file name of the Parquet zip offered for download.</summary>
    public string ParquetZipFileName => $"giamngheo-{Year}-{ProvinceCode}-{Fingerprint[..8]}-parquet.zip";

    /// <summary>Reads a build id as a status URL carries it; false when it cannot name a build.</summary>
    public static bool TryCreate(ReviewYear year, string provinceCode, string fingerprint, [NotNullWhen(true)] out ExportBuildId? id)
    {
        id = provinceCode.Length == 2 && provinceCode.All(char.IsAsciiDigit) && fingerprint.Length == 32 && fingerprint.All(char.IsAsciiHexDigitLower)
            ? new ExportBuildId(year.Value, provinceCode, fingerprint)
            : null;
        return id is not null;
    }
}

/// <summary>A commune as it counted when a province workbook was requested: its counted submission and its totals.</summary>
public sealed record ExportCommune
{
    /// <summary>Commune code.</summary>
    public required string Code { get; init; }

    /// <summary>District code (years before the 2025 reform).</summary>
    public string? DistrictCode { get; init; }

    /// <summary>The counted submission whose households go into the workbook.</summary>
    public required string SubmissionId { get; init; }

    /// <summary>The standard that scored it.</summary>
    public string? StandardId { get; init; }

    /// <summary>All resident households (denominator of the rates).</summary>
    public long TotalHouseholds { get; init; }

    /// <summary>All resident persons.</summary>
    public long TotalPersons { get; init; }

    /// <summary>Households and persons per class, deprivations among the poor and near-poor.</summary>
    public required TallyCounts Counts { get; init; }

    /// <summary>Takes a commune summary as stored.</summary>
    public static ExportCommune From(UnitSummary summary, IndicatorCatalog indicators) => new()
    {
        Code = summary.UnitCode,
        DistrictCode = summary.DistrictCode,
        SubmissionId = summary.SubmissionId ?? throw new ArgumentException($"Commune {summary.UnitCode} has no counted submission.", nameof(summary)),
        StandardId = summary.StandardId,
        TotalHouseholds = summary.TotalHouseholds,
        TotalPersons = summary.TotalPersons,
        Counts = TallyCounts.From(summary.Tally, indicators),
    };

    /// <summary>The commune summary again, for the unit sheets.</summary>
    public UnitSummary ToSummary(int year, string provinceCode, IndicatorCatalog indicators)
    {
        var summary = new UnitSummary(year, UnitLevel.Commune, Code, provinceCode)
        {
            DistrictCode = DistrictCode,
            SubmissionId = SubmissionId,
            StandardId = StandardId,
            CommunesReported = 1,
            TotalHouseholds = TotalHouseholds,
            TotalPersons = TotalPersons,
        };
        Counts.CopyTo(summary.Tally, indicators);
        return summary;
    }
}

/// <summary>What one province workbook is built from, fixed when it is requested: the workbook's content is a function of it.</summary>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">Province code.</param>
/// <param name="Communes">The communes with a counted submission, in code order.</param>
/// <param name="PseudonymKeyId">The non-secret name of the key the households' pseudonyms are made with.</param>
/// <param name="Timeliness">The reporting timeliness of the province's plans of the year when the build was requested.</param>
public sealed record ExportManifest(int Year, string ProvinceCode, IReadOnlyList<ExportCommune> Communes, string PseudonymKeyId, IReadOnlyList<ReportingTimelinessRow>? Timeliness = null)
{
    /// <summary>The reporting timeliness rows (none when the province has no published plan).</summary>
    public IReadOnlyList<ReportingTimelinessRow> Timeliness { get; init; } = Timeliness ?? [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The build this manifest describes.</summary>
    public ExportBuildId Build => new(Year, ProvinceCode, Fingerprint(Year, ProvinceCode, PseudonymKeyId, Communes.Select(c => (c.Code, c.SubmissionId)), Timeliness));

    /// <summary>The manifest of the communes' stored summaries and the plans' reporting timeliness.</summary>
    public static ExportManifest Create(ReviewYear year, string provinceCode, IEnumerable<UnitSummary> communes, IndicatorCatalog indicators, string pseudonymKeyId, IReadOnlyList<ReportingTimelinessRow>? timeliness = null) =>
        new(year.Value, provinceCode, [.. communes.Where(c => c.SubmissionId is not null).OrderBy(c => c.UnitCode, StringComparer.Ordinal).Select(c => ExportCommune.From(c, indicators))], pseudonymKeyId, timeliness ?? []);

    /// <summary>The manifest as stored.</summary>
    public BinaryData ToBinaryData() => BinaryData.FromObjectAsJson(this, Json);

    /// <summary>Reads a stored manifest.</summary>
    public static ExportManifest Parse(BinaryData data) =>
        data.ToObjectFromJson<ExportManifest>(Json) ?? throw new InvalidDataException("Empty export manifest.");

    /// <summary>Only what counts names a workbook: each commune's counted submission (named by its content) and the pseudonym
    /// key. Uploading a file again, or any change that leaves the counted submissions as they were, keeps the same fingerprint;
    /// a new key makes new pseudonyms, hence a new workbook.</summary>
    /// <remarks>v3: households carry pseudonyms and explanations without names; no workbook of v2 (raw codes) is served again.
    /// v4: the Power BI model (new tables and Parquet files); the reporting timeliness is part of the content, so a report
    /// received since makes a new build.</remarks>
    private static string Fingerprint(int year, string provinceCode, string pseudonymKeyId, IEnumerable<(string Commune, string SubmissionId)> communes, IReadOnlyList<ReportingTimelinessRow> timeliness)
    {
        var text = new StringBuilder("v4|").Append(year).Append('|').Append(provinceCode).Append('|').Append(pseudonymKeyId);
        foreach (var (commune, submission) in communes)
            text.Append('|').Append(commune).Append(':').Append(submission);
        foreach (var t in timeliness)
        {
            text.Append("|t:").Append(t.PlanId).Append(':').Append(t.PeriodId).Append(':').Append(t.ReporterId).Append(':').Append(t.Status)
                .Append(':').Append(t.SubmittedAt?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
