using Azure.Data.Tables;

namespace GiamNgheo.Pipeline.Submissions;

/// <summary>The per commune-year record that orders uploads and says which submission counts.</summary>
/// <remarks>Lives in the same partition as the commune-year's submissions, so a submission and this record change in
/// one transaction, and its ETag serialises every change within the commune-year.</remarks>
public sealed class CommuneState
{
    /// <summary>RowKey of the state row; '~' sorts after every hexadecimal submission row.</summary>
    public const string RowKey = "~state";

    /// <summary>Review year.</summary>
    public required int Year { get; init; }

    /// <summary>Commune code.</summary>
    public required string CommuneCode { get; init; }

    /// <summary>Province of the commune.</summary>
    public required string ProvinceCode { get; set; }

    /// <summary>District, for years before the 2025 reform.</summary>
    public string? DistrictCode { get; set; }

    /// <summary>The highest upload sequence given out.</summary>
    public long LastSequence { get; set; }

    /// <summary>Short hash of the submission whose households count, or null when none is scored yet.</summary>
    public string? CountedShortHash { get; set; }

    /// <summary>Upload sequence of the counted submission.</summary>
    public long CountedSequence { get; set; }

    /// <summary>Why the commune-year is closed to uploads (the commune's decision recognising its lists), or null when open.</summary>
    /// <remarks>Written by the annual review through <see cref="SubmissionStore.SetLockAsync"/>; the pipeline only obeys it.</remarks>
    public CommuneLock? Lock { get; set; }

    /// <summary>The table entity.</summary>
    public TableEntity ToEntity() => new(SubmissionKey.CommuneYearPartition(Year, CommuneCode), RowKey)
    {
        ["Year"] = Year,
        ["CommuneCode"] = CommuneCode,
        ["ProvinceCode"] = ProvinceCode,
        ["DistrictCode"] = DistrictCode,
        ["LastSequence"] = LastSequence,
        ["CountedShortHash"] = CountedShortHash,
        ["CountedSequence"] = CountedSequence,
        ["LockReason"] = Lock?.Reason,
        ["LockedAt"] = Lock?.At,
    };

    /// <summary>Reads the state back from its entity.</summary>
    public static CommuneState FromEntity(TableEntity entity) => new()
    {
        Year = entity.GetInt32("Year")!.Value,
        CommuneCode = entity.GetString("CommuneCode"),
        ProvinceCode = entity.GetString("ProvinceCode"),
        DistrictCode = entity.GetString("DistrictCode"),
        LastSequence = entity.GetInt64("LastSequence") ?? 0,
        CountedShortHash = entity.GetString("CountedShortHash"),
        CountedSequence = entity.GetInt64("CountedSequence") ?? 0,
        Lock = entity.GetString("LockReason") is { } reason ? new CommuneLock(reason, entity.GetDateTimeOffset("LockedAt") ?? default) : null,
    };

    /// <summary>Makes <paramref name="submission"/> the counted one if it is the latest scored upload and the commune-year is not locked.</summary>
    /// <remarks>A locked commune-year keeps the figures its decision recognised: a file scored while locked (one that reached
    /// the container by another way than the refused upload) is stored and scored but does not count.</remarks>
    /// <returns>True when the counted submission changed.</returns>
    public bool CountIfLatest(Submission submission)
    {
        if (submission.Status != SubmissionStatus.Scored || Lock is not null)
            return false;
        if (CountedShortHash is not null && submission.UploadSequence <= CountedSequence)
            return false;
        CountedShortHash = submission.Key.ShortHash;
        CountedSequence = submission.UploadSequence;
        return true;
    }
}

/// <summary>Why and since when a commune-year refuses uploads.</summary>
/// <param name="Reason">Vietnamese reason shown to the officer, e.g. the decision's number and date.</param>
/// <param name="At">When the lock was set.</param>
public sealed record CommuneLock(string Reason, DateTimeOffset At);
