using Azure.Data.Tables;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Aggregation;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Summaries;

/// <summary>Administrative level of a summary.</summary>
public enum UnitLevel
{
    /// <summary>Commune (xã).</summary>
    Commune,

    /// <summary>District (huyện), for years before the 2025 reform.</summary>
    District,

    /// <summary>Province (tỉnh).</summary>
    Province,
}

/// <summary>The scored result of a commune, district or province for a review year.</summary>
/// <remarks>Additive: a district or province is the sum of its communes' counted submissions.</remarks>
public sealed class UnitSummary
{
    /// <summary>Creates an empty summary.</summary>
    public UnitSummary(int year, UnitLevel level, string unitCode, string provinceCode)
    {
        Year = year;
        Level = level;
        UnitCode = unitCode;
        ProvinceCode = provinceCode;
    }

    /// <summary>Review year.</summary>
    public int Year { get; }

    /// <summary>Level.</summary>
    public UnitLevel Level { get; }

    /// <summary>Unit code.</summary>
    public string UnitCode { get; }

    /// <summary>Province code.</summary>
    public string ProvinceCode { get; }

    /// <summary>District code (commune or district summaries before the 2025 reform).</summary>
    public string? DistrictCode { get; init; }

    /// <summary>The counted submission (commune summaries only).</summary>
    public string? SubmissionId { get; init; }

    /// <summary>Upload sequence of the counted submission (commune summaries only): newer results replace older ones, never the reverse.</summary>
    public long CountedSequence { get; init; }

    /// <summary>National standard applied (one per year; empty when nothing is scored).</summary>
    public string? StandardId { get; set; }

    /// <summary>Communes whose results are included.</summary>
    public int CommunesReported { get; set; }

    /// <summary>All resident households (the denominator of rates).</summary>
    public long TotalHouseholds { get; set; }

    /// <summary>All resident persons.</summary>
    public long TotalPersons { get; set; }

    /// <summary>Households and persons per class, and deprivations among poor and near-poor households.</summary>
    public ClassTally Tally { get; } = new();

    /// <summary>The summary of a commune: its counted submission's figures, exact the moment it is counted.</summary>
    public static UnitSummary ForCommune(Submission counted, IndicatorCatalog indicators)
    {
        var summary = new UnitSummary(counted.Key.Year, UnitLevel.Commune, counted.Key.CommuneCode, counted.ProvinceCode)
        {
            DistrictCode = counted.DistrictCode,
            SubmissionId = counted.Key.Id,
            CountedSequence = counted.UploadSequence,
            StandardId = counted.StandardId,
            CommunesReported = 1,
            TotalHouseholds = counted.TotalHouseholds,
            TotalPersons = counted.TotalPersons,
        };
        counted.Counts?.CopyTo(summary.Tally, indicators);
        return summary;
    }

    /// <summary>Households of a class as a percentage of all resident households, rounded to 2 decimals; null when the total is 0.</summary>
    public decimal? RateOf(HouseholdClass c) =>
        TotalHouseholds == 0 ? null : Math.Round(100m * Tally.HouseholdsOf(c) / TotalHouseholds, 2, MidpointRounding.AwayFromZero);

    /// <summary>Adds a commune's summary into this (district or province) one.</summary>
    public void Add(UnitSummary commune)
    {
        CommunesReported += commune.CommunesReported;
        TotalHouseholds += commune.TotalHouseholds;
        TotalPersons += commune.TotalPersons;
        StandardId ??= commune.StandardId;
        Tally.Merge(commune.Tally);
    }

    /// <summary>The summary as a table entity (flat: one property per class and indicator, readable from Power BI).</summary>
    public TableEntity ToEntity(string rowKey, IndicatorCatalog indicators)
    {
        var entity = new TableEntity(PartitionOf(Year, ProvinceCode), rowKey)
        {
            ["Year"] = Year,
            ["Level"] = LevelCode(Level),
            ["UnitCode"] = UnitCode,
            ["ProvinceCode"] = ProvinceCode,
            ["DistrictCode"] = DistrictCode,
            ["SubmissionId"] = SubmissionId,
            ["CountedSequence"] = CountedSequence,
            ["StandardId"] = StandardId,
            ["CommunesReported"] = CommunesReported,
            ["TotalHouseholds"] = TotalHouseholds,
            ["TotalPersons"] = TotalPersons,
        };
        foreach (var c in HouseholdClasses.All)
        {
            entity["Households_" + c.Code()] = Tally.HouseholdsOf(c);
            entity["Persons_" + c.Code()] = Tally.PersonsOf(c);
        }

        foreach (var indicator in indicators.All)
        {
            entity["PoorDeprived_" + indicator.Key] = Tally.DeprivedAmong(HouseholdClass.Poor, indicator);
            entity["NearPoorDeprived_" + indicator.Key] = Tally.DeprivedAmong(HouseholdClass.NearPoor, indicator);
        }

        return entity;
    }

    /// <summary>Reads a summary back from its entity.</summary>
    public static UnitSummary FromEntity(TableEntity entity, IndicatorCatalog indicators)
    {
        var summary = new UnitSummary(entity.GetInt32("Year")!.Value, ParseLevel(entity.GetString("Level")), entity.GetString("UnitCode"), entity.GetString("ProvinceCode"))
        {
            DistrictCode = entity.GetString("DistrictCode"),
            SubmissionId = entity.GetString("SubmissionId"),
            CountedSequence = entity.GetInt64("CountedSequence") ?? 0,
            StandardId = entity.GetString("StandardId"),
            CommunesReported = entity.GetInt32("CommunesReported") ?? 0,
            TotalHouseholds = entity.GetInt64("TotalHouseholds") ?? 0,
            TotalPersons = entity.GetInt64("TotalPersons") ?? 0,
        };
        foreach (var c in HouseholdClasses.All)
            summary.Tally.Set(c, entity.GetInt64("Households_" + c.Code()) ?? 0, entity.GetInt64("Persons_" + c.Code()) ?? 0);
        foreach (var indicator in indicators.All)
        {
            summary.Tally.SetDeprived(HouseholdClass.Poor, indicator, entity.GetInt64("PoorDeprived_" + indicator.Key) ?? 0);
            summary.Tally.SetDeprived(HouseholdClass.NearPoor, indicator, entity.GetInt64("NearPoorDeprived_" + indicator.Key) ?? 0);
        }

        return summary;
    }

    /// <summary>The summaries partition of a province and year.</summary>
    public static string PartitionOf(int year, string provinceCode) => $"{year}-{provinceCode}";

    /// <summary>The stable code of a level.</summary>
    public static string LevelCode(UnitLevel level) => level switch
    {
        UnitLevel.Commune => "xa",
        UnitLevel.District => "huyen",
        _ => "tinh",
    };

    private static UnitLevel ParseLevel(string code) => code switch
    {
        "xa" => UnitLevel.Commune,
        "huyen" => UnitLevel.District,
        _ => UnitLevel.Province,
    };
}
