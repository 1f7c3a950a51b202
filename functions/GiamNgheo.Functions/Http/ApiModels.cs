using GiamNgheo.Pipeline.Retention;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Functions.Http;

/// <summary>Answer to an accepted upload.</summary>
/// <param name="SubmissionId">The submission to follow.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Duplicate">True when these bytes were uploaded before; the existing submission is returned.</param>
/// <param name="StatusUrl">Where to follow it.</param>
public sealed record UploadAccepted(string SubmissionId, string Status, bool Duplicate, string StatusUrl);

/// <summary>A submission as the API shows it.</summary>
public sealed record SubmissionView(
    string SubmissionId,
    int Year,
    string CommuneCode,
    string ProvinceCode,
    string? DistrictCode,
    string Status,
    string? Reason,
    bool Counted,
    string? FileName,
    long SizeBytes,
    string Sha256,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    int Attempts,
    string? Standard,
    string? LocalStandard,
    int HouseholdsScored,
    int MembersRead,
    long TotalHouseholds,
    long TotalPersons,
    IReadOnlyDictionary<string, long> Households,
    int ErrorCount,
    int WarningCount,
    IReadOnlyList<ReportedIssue> Errors,
    IReadOnlyList<ReportedIssue> Warnings,
    string? Omitted,
    RawFileView RawFile)
{
    /// <summary>Builds the view; <paramref name="lockedOut"/> is the lock that kept a scored file from counting, if one did.</summary>
    public static SubmissionView From(Submission s, bool counted, SubmissionReport report, RawFileView rawFile, CommuneLock? lockedOut = null) => new(
        s.Key.Id,
        s.Key.Year,
        s.Key.CommuneCode,
        s.ProvinceCode,
        s.DistrictCode,
        s.Status.Code(),
        lockedOut is null ? Explain(s) : $"Đã chấm điểm nhưng không được tính: xã đã khóa số liệu ({lockedOut.Reason}). Sau khi tỉnh mở lại, hãy tải lên lại tệp này.",
        counted,
        s.FileName,
        s.SizeBytes,
        s.Key.Sha256,
        s.ReceivedAt,
        s.UpdatedAt,
        s.Attempts,
        s.StandardId,
        s.LocalStandardId,
        s.HouseholdsScored,
        s.MembersRead,
        s.TotalHouseholds,
        s.TotalPersons,
        HouseholdClasses.All.ToDictionary(c => c.Code(), c => s.Counts?.HouseholdsOf(c) ?? 0),
        Math.Max(s.ErrorCount, report.ErrorCount),
        Math.Max(s.WarningCount, report.WarningCount),
        report.Errors,
        report.Warnings,
        report.Omitted,
        rawFile);

    private static string? Explain(Submission s) => s.Status switch
    {
        SubmissionStatus.Received => "Đã nhận tệp, đang chờ chấm điểm.",
        SubmissionStatus.Processing => "Đang chấm điểm các hộ.",
        SubmissionStatus.Scored => "Đã chấm điểm xong.",
        SubmissionStatus.Rejected => "Tệp có lỗi, chưa được tính; hãy sửa theo danh sách lỗi và tải lên lại.",
        _ => $"Không chấm điểm được sau {s.Attempts} lần thử do lỗi hệ thống (không phải lỗi của tệp); tệp gốc vẫn được lưu. Hãy tải lên lại tệp hoặc báo quản trị viên. Chi tiết kỹ thuật: {s.LastError}",
    };
}

/// <summary>Whether the uploaded file itself is still kept, and until when (docs/personal-data.md).</summary>
/// <param name="KeptUntil">When the raw upload is deleted: its receipt plus the retention period.</param>
/// <param name="Deleted">True once that time has passed: the file is gone, its results and error list stay.</param>
/// <param name="Note">What that means for the officer, in Vietnamese, once deleted.</param>
public sealed record RawFileView(DateTimeOffset KeptUntil, bool Deleted, string? Note)
{
    /// <summary>The raw file of a submission as of <paramref name="now"/>.</summary>
    public static RawFileView Of(Submission submission, RetentionPolicy retention, DateTimeOffset now)
    {
        var until = retention.RawUploadKeptUntil(submission.ReceivedAt);
        return now < until
            ? new RawFileView(until, false, null)
            : new RawFileView(until, true,
                $"Tệp gốc đã được xóa sau {retention.RawUploadDays} ngày lưu trữ để bảo vệ dữ liệu cá nhân; kết quả chấm điểm và danh sách lỗi vẫn được giữ. Muốn chấm lại, hãy tải lên lại tệp.");
    }
}

/// <summary>Households and persons of each class, and deprivations among the poor and near-poor.</summary>
public sealed record UnitSummaryView(
    int Year,
    string Level,
    string UnitCode,
    string? UnitName,
    string ProvinceCode,
    string? DistrictCode,
    string? SubmissionId,
    string? Standard,
    int CommunesReported,
    int? CommunesTotal,
    long TotalHouseholds,
    long TotalPersons,
    long ScoredHouseholds,
    long PoorHouseholds,
    long NearPoorHouseholds,
    long MiddleLivingHouseholds,
    long NotPoorHouseholds,
    decimal? PoorRate,
    decimal? NearPoorRate,
    decimal? MiddleLivingRate,
    ClassCounts Persons,
    DeprivationCounts Deprivations,
    IReadOnlyList<CommuneFigures>? Communes)
{
    /// <summary>Builds the view; a province's or district's lists <paramref name="communes"/>, the communes that have a result.</summary>
    public static UnitSummaryView From(UnitSummary s, string? unitName, int? communesTotal, IndicatorCatalog indicators, IReadOnlyList<CommuneFigures>? communes = null) => new(
        s.Year,
        UnitSummary.LevelCode(s.Level),
        s.UnitCode,
        unitName,
        s.ProvinceCode,
        s.DistrictCode,
        s.SubmissionId,
        s.StandardId,
        s.CommunesReported,
        communesTotal,
        s.TotalHouseholds,
        s.TotalPersons,
        s.Tally.Households,
        s.Tally.HouseholdsOf(HouseholdClass.Poor),
        s.Tally.HouseholdsOf(HouseholdClass.NearPoor),
        s.Tally.HouseholdsOf(HouseholdClass.MiddleLiving),
        s.Tally.HouseholdsOf(HouseholdClass.NotPoor),
        s.RateOf(HouseholdClass.Poor),
        s.RateOf(HouseholdClass.NearPoor),
        s.RateOf(HouseholdClass.MiddleLiving),
        new ClassCounts(
            s.Tally.PersonsOf(HouseholdClass.Poor),
            s.Tally.PersonsOf(HouseholdClass.NearPoor),
            s.Tally.PersonsOf(HouseholdClass.MiddleLiving),
            s.Tally.PersonsOf(HouseholdClass.NotPoor)),
        new DeprivationCounts(
            indicators.All.ToDictionary(i => i.Key, i => s.Tally.DeprivedAmong(HouseholdClass.Poor, i)),
            indicators.All.ToDictionary(i => i.Key, i => s.Tally.DeprivedAmong(HouseholdClass.NearPoor, i))),
        communes);
}

/// <summary>One commune's counted result inside a province's or district's summary: what a table or chart of rates by
/// commune needs, so that a province screen makes one request rather than one per commune.</summary>
public sealed record CommuneFigures(
    string UnitCode,
    string? UnitName,
    string? DistrictCode,
    long TotalHouseholds,
    long ScoredHouseholds,
    long PoorHouseholds,
    long NearPoorHouseholds,
    decimal? PoorRate,
    decimal? NearPoorRate)
{
    /// <summary>The figures of a commune's summary.</summary>
    public static CommuneFigures From(UnitSummary s, string? unitName) => new(
        s.UnitCode,
        unitName,
        s.DistrictCode,
        s.TotalHouseholds,
        s.Tally.Households,
        s.Tally.HouseholdsOf(HouseholdClass.Poor),
        s.Tally.HouseholdsOf(HouseholdClass.NearPoor),
        s.RateOf(HouseholdClass.Poor),
        s.RateOf(HouseholdClass.NearPoor));
}

/// <summary>A count per class.</summary>
public sealed record ClassCounts(long Poor, long NearPoor, long MiddleLiving, long NotPoor);

/// <summary>Poor and near-poor households deprived in each indicator, keyed by indicator.</summary>
public sealed record DeprivationCounts(IReadOnlyDictionary<string, long> Poor, IReadOnlyDictionary<string, long> NearPoor);
