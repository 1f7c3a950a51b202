using System.Text.Json.Serialization;

namespace GiamNgheo.Workflows.Review;

/// <summary>The facts an officer records for one step, as read from the request body.</summary>
/// <remarks>Automatic <see cref="ReviewSteps.Survey"/> has no input: the pipeline's first scored upload completes it.</remarks>
public abstract record StepInput
{
    /// <summary>The step id (<see cref="ReviewSteps"/>); not part of the facts (the URL names the step).</summary>
    [JsonIgnore]
    public abstract string StepId { get; }
}

/// <summary><c>danh-sach</c> <c>{}</c>: the households to review are listed.</summary>
public sealed record ListingInput : StepInput
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string StepId => ReviewSteps.Listing;
}

/// <summary><c>hop-dan</c>: one village meeting.</summary>
/// <param name="Thon">The village (thôn, tổ dân phố, bản, ấp …) as the minutes name it.</param>
/// <param name="Ngay">Date of the meeting.</param>
/// <param name="ThamDu">People attending.</param>
/// <param name="DongY">Of them, those agreeing with the results.</param>
public sealed record MeetingInput(string Thon, DateOnly Ngay, int ThamDu, int DongY) : StepInput
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string StepId => ReviewSteps.Meetings;
}

/// <summary><c>niem-yet</c>: the lists are posted.</summary>
/// <param name="BatDau">First day of the posting.</param>
/// <param name="SoNgayLamViec">Working days it lasts; null = the review's default.</param>
public sealed record PostingInput(DateOnly BatDau, int? SoNgayLamViec) : StepInput
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string StepId => ReviewSteps.Posting;
}

/// <summary><c>phuc-tra</c>: complaints received and what their re-check found.</summary>
/// <param name="SoDon">Complaints (đơn) received; 0 records that none came.</param>
/// <param name="Ngay">Date of the re-check.</param>
/// <param name="KetQua">Its outcome; a household that changes is uploaded again as a new survey.</param>
public sealed record RecheckInput(int SoDon, DateOnly Ngay, string KetQua) : StepInput
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string StepId => ReviewSteps.Recheck;
}

/// <summary><c>quyet-dinh</c>: the commune chairman's decision recognising the lists.</summary>
/// <param name="So">Its number, e.g. <c>125/QĐ-UBND</c>.</param>
/// <param name="Ngay">Its date.</param>
public sealed record DecisionInput(string So, DateOnly Ngay) : StepInput
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string StepId => ReviewSteps.Decision;
}

/// <summary><c>mo-lai</c>: the province reopens the commune-year.</summary>
/// <param name="LyDo">Why.</param>
public sealed record ReopenInput(string LyDo) : StepInput
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string StepId => ReviewSteps.Reopen;
}
