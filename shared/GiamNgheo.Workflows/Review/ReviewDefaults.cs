using System.Globalization;
using System.Text.Json;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Workflows.Review;

/// <summary>The review's defaults as data (<c>Review/Data/review-defaults.json</c>): milestone dates and the posting length.</summary>
/// <remarks>Only the window's end (14/12, the decision's default milestone) is law; the other milestones are the project's
/// defaults, and the posting length of 3 working days is UNCONFIRMED (not found in the legal text). docs/review.md lists them.</remarks>
public sealed class ReviewDefaults
{
    private static readonly Lazy<ReviewDefaults> LazyDefault = new(() =>
    {
        using var stream = typeof(ReviewDefaults).Assembly.GetManifestResourceStream("GiamNgheo.Workflows.Review.review-defaults.json")
            ?? throw new InvalidOperationException("Missing embedded resource review-defaults.json.");
        using var document = JsonDocument.Parse(stream);
        return Read(document.RootElement);
    });

    private readonly IReadOnlyDictionary<string, (int Month, int Day)> _milestones;

    private ReviewDefaults(int postingWorkingDays, IReadOnlyDictionary<string, (int Month, int Day)> milestones)
    {
        PostingWorkingDays = postingWorkingDays;
        _milestones = milestones;
    }

    /// <summary>The shipped defaults.</summary>
    public static ReviewDefaults Default => LazyDefault.Value;

    /// <summary>Working days a posting lasts when neither the posting nor the review says (UNCONFIRMED: 3).</summary>
    public int PostingWorkingDays { get; }

    /// <summary>The default milestone of each step that has one, in the given year.</summary>
    public IReadOnlyDictionary<string, DateOnly> Milestones(ReviewYear year) =>
        ReviewSteps.WithMilestone.ToDictionary(s => s, s => new DateOnly(year.Value, _milestones[s].Month, _milestones[s].Day), StringComparer.Ordinal);

    /// <summary>Reads and checks the defaults: every milestone step present once, in order, inside the legal window.</summary>
    public static ReviewDefaults Read(JsonElement root)
    {
        var days = root.GetProperty("postingWorkingDays").GetProperty("value").GetInt32();
        if (days is < 1 or > ReviewRules.MaxPostingDays)
            throw new InvalidDataException($"postingWorkingDays must be 1–{ReviewRules.MaxPostingDays}, got {days}.");
        var milestones = new Dictionary<string, (int Month, int Day)>(StringComparer.Ordinal);
        foreach (var item in root.GetProperty("milestones").EnumerateArray())
        {
            var step = item.GetProperty("step").GetString()!;
            var date = DateOnly.ParseExact("2001-" + item.GetProperty("date").GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!ReviewSteps.WithMilestone.Contains(step) || !milestones.TryAdd(step, (date.Month, date.Day)))
                throw new InvalidDataException($"Milestone step '{step}' is unknown, has no milestone, or appears twice.");
        }

        var sample = ReviewYear.Of(2025);
        var ordered = ReviewSteps.WithMilestone.Select(s => milestones.TryGetValue(s, out var md)
            ? new DateOnly(sample.Value, md.Month, md.Day)
            : throw new InvalidDataException($"No default milestone for step '{s}'.")).ToList();
        if (!ordered.All(sample.IsInReviewWindow) || ordered.Zip(ordered.Skip(1)).Any(p => p.First > p.Second))
            throw new InvalidDataException("Default milestones must lie in 01/09–14/12 and follow the order of the steps.");
        return new ReviewDefaults(days, milestones);
    }
}
