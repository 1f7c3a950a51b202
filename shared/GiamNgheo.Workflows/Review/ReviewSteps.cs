namespace GiamNgheo.Workflows.Review;

/// <summary>The steps of a commune's periodic review (QĐ 24/2021/QĐ-TTg Điều 4) by their ids in the API, in procedure order.</summary>
/// <remarks>The district chairman's consultation (Điều 4, step 5) is not a step: district authorities ended on 2025-07-01
/// and who took the role over is unconfirmed (docs/review.md). <see cref="Reopen"/> is the province's action on a locked
/// commune-year, not a step of the procedure.</remarks>
public static class ReviewSteps
{
    /// <summary>Listing the households to review (bước 1).</summary>
    public const string Listing = "danh-sach";

    /// <summary>Surveying and scoring the households (bước 2): done by the commune's first scored upload.</summary>
    public const string Survey = "khao-sat";

    /// <summary>Village meetings agreeing the results (bước 3).</summary>
    public const string Meetings = "hop-dan";

    /// <summary>Public posting of the lists (bước 4).</summary>
    public const string Posting = "niem-yet";

    /// <summary>Complaints and re-checks during and after the posting (optional).</summary>
    public const string Recheck = "phuc-tra";

    /// <summary>The commune chairman's decision recognising the lists (bước 6): locks the commune-year.</summary>
    public const string Decision = "quyet-dinh";

    /// <summary>The province reopens a locked commune-year.</summary>
    public const string Reopen = "mo-lai";

    /// <summary>The procedure's steps in order (without <see cref="Reopen"/>).</summary>
    public static IReadOnlyList<string> Ordered { get; } = [Listing, Survey, Meetings, Posting, Recheck, Decision];

    /// <summary>The steps a province sets a milestone date for (the optional re-check has none).</summary>
    public static IReadOnlyList<string> WithMilestone { get; } = [Listing, Survey, Meetings, Posting, Decision];

    /// <summary>Every step id the API knows.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Ordered, Reopen];

    /// <summary>Whether <paramref name="step"/> is a step id.</summary>
    public static bool IsKnown(string step) => All.Contains(step, StringComparer.Ordinal);

    /// <summary>Whether the step locks or reopens the commune's lists: the province's control, not the commune officer's (issue 10).</summary>
    public static bool Controls(string step) => step is Decision or Reopen;

    /// <summary>Whether the procedure can go on without the step.</summary>
    public static bool IsOptional(string step) => step == Recheck;

    /// <summary>The step's Vietnamese name.</summary>
    public static string Label(string step) => step switch
    {
        Listing => "Lập danh sách hộ gia đình cần rà soát",
        Survey => "Rà soát, chấm điểm hộ gia đình",
        Meetings => "Họp dân thống nhất kết quả rà soát",
        Posting => "Niêm yết công khai kết quả rà soát",
        Recheck => "Phúc tra khiếu nại",
        Decision => "Quyết định công nhận danh sách hộ nghèo, hộ cận nghèo",
        Reopen => "Mở lại số liệu đã khóa",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown review step."),
    };
}
