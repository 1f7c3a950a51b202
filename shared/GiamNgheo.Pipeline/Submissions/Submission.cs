using Azure.Data.Tables;
using GiamNgheo.Pipeline.Summaries;

namespace GiamNgheo.Pipeline.Submissions;

/// <summary>One uploaded file of a commune and year, and what became of it.</summary>
public sealed class Submission
{
    /// <summary>Creates a new submission for a stored file.</summary>
    public Submission(SubmissionKey key) => Key = key;

    /// <summary>The file's identity.</summary>
    public SubmissionKey Key { get; }

    /// <summary>Province of the commune (on 1 September of the review year).</summary>
    public required string ProvinceCode { get; set; }

    /// <summary>District of the commune, for years before the 2025 reform.</summary>
    public string? DistrictCode { get; set; }

    /// <summary>The file name the officer uploaded.</summary>
    public string? FileName { get; set; }

    /// <summary>Size of the file in bytes.</summary>
    public long SizeBytes { get; set; }

    /// <summary>Current status.</summary>
    public SubmissionStatus Status { get; set; }

    /// <summary>When the file was first received.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When anything last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Order of the latest upload of these bytes among the commune-year's uploads; the highest scored one counts.</summary>
    public long UploadSequence { get; set; }

    /// <summary>Scoring attempts started.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed (technical, for operators).</summary>
    public string? LastError { get; set; }

    /// <summary>Errors found in the file.</summary>
    public int ErrorCount { get; set; }

    /// <summary>Warnings found in the file.</summary>
    public int WarningCount { get; set; }

    /// <summary>Households scored.</summary>
    public int HouseholdsScored { get; set; }

    /// <summary>Member rows read.</summary>
    public int MembersRead { get; set; }

    /// <summary>All resident households of the commune (<c>tong_so_ho</c>).</summary>
    public long TotalHouseholds { get; set; }

    /// <summary>All resident persons of the commune (<c>tong_so_nhan_khau</c>).</summary>
    public long TotalPersons { get; set; }

    /// <summary>The national standard applied.</summary>
    public string? StandardId { get; set; }

    /// <summary>The local standard applied, if any.</summary>
    public string? LocalStandardId { get; set; }

    /// <summary>What the scored file counts: households and persons per class, deprivations among the poor and near-poor.
    /// Written in the same transaction that marks the submission scored, so a counted submission always carries its figures.</summary>
    public TallyCounts? Counts { get; set; }

    /// <summary>The table entity.</summary>
    public TableEntity ToEntity()
    {
        var entity = new TableEntity(Key.PartitionKey, Key.ShortHash)
        {
            ["Year"] = Key.Year,
            ["CommuneCode"] = Key.CommuneCode,
            ["Sha256"] = Key.Sha256,
            ["ProvinceCode"] = ProvinceCode,
            ["DistrictCode"] = DistrictCode,
            ["FileName"] = FileName,
            ["SizeBytes"] = SizeBytes,
            ["Status"] = Status.Code(),
            ["ReceivedAt"] = ReceivedAt,
            ["UpdatedAt"] = UpdatedAt,
            ["UploadSequence"] = UploadSequence,
            ["Attempts"] = Attempts,
            ["LastError"] = LastError is { Length: > 4000 } e ? e[..4000] : LastError,
            ["ErrorCount"] = ErrorCount,
            ["WarningCount"] = WarningCount,
            ["HouseholdsScored"] = HouseholdsScored,
            ["MembersRead"] = MembersRead,
            ["TotalHouseholds"] = TotalHouseholds,
            ["TotalPersons"] = TotalPersons,
            ["StandardId"] = StandardId,
            ["LocalStandardId"] = LocalStandardId,
        };
        if (Counts is not null)
            entity["Counts"] = Counts.ToJson();
        return entity;
    }

    /// <summary>Reads a submission back from its entity.</summary>
    public static Submission FromEntity(TableEntity entity)
    {
        var key = new SubmissionKey(entity.GetInt32("Year")!.Value, entity.GetString("CommuneCode"), entity.GetString("Sha256"));
        var submission = new Submission(key)
        {
            ProvinceCode = entity.GetString("ProvinceCode"),
            DistrictCode = entity.GetString("DistrictCode"),
            FileName = entity.GetString("FileName"),
            SizeBytes = entity.GetInt64("SizeBytes") ?? 0,
            Status = SubmissionStatuses.Parse(entity.GetString("Status")),
            ReceivedAt = entity.GetDateTimeOffset("ReceivedAt") ?? default,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? default,
            UploadSequence = entity.GetInt64("UploadSequence") ?? 0,
            Attempts = entity.GetInt32("Attempts") ?? 0,
            LastError = entity.GetString("LastError"),
            ErrorCount = entity.GetInt32("ErrorCount") ?? 0,
            WarningCount = entity.GetInt32("WarningCount") ?? 0,
            HouseholdsScored = entity.GetInt32("HouseholdsScored") ?? 0,
            MembersRead = entity.GetInt32("MembersRead") ?? 0,
            TotalHouseholds = entity.GetInt64("TotalHouseholds") ?? 0,
            TotalPersons = entity.GetInt64("TotalPersons") ?? 0,
            StandardId = entity.GetString("StandardId"),
            LocalStandardId = entity.GetString("LocalStandardId"),
        };
        if (entity.GetString("Counts") is { Length: > 0 } counts)
            submission.Counts = TallyCounts.Parse(counts);

        return submission;
    }
}
