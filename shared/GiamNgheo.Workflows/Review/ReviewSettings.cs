using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Review;

/// <summary>A province's review for a year as started (and restarted) through the API: milestones, posting length, reminders, contacts.</summary>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">The province.</param>
/// <param name="Milestones">Due date of each step that has one (<see cref="ReviewSteps.WithMilestone"/>).</param>
/// <param name="PostingDays">Working days a posting lasts when it names none.</param>
/// <param name="Reminders">When communes are reminded of a milestone and late ones escalated.</param>
/// <param name="Supervisor">The province officer who receives the lists of late communes, if named.</param>
/// <param name="Contacts">Communes that receive reminders, with their address.</param>
/// <param name="Communes">Every commune of the province on the year's reference date, as of the (last) start.</param>
/// <param name="Started">Who started the review, and when.</param>
/// <param name="Updated">Who last started it again, and when.</param>
public sealed record ReviewSettings(
    int Year,
    string ProvinceCode,
    IReadOnlyDictionary<string, DateOnly> Milestones,
    int PostingDays,
    ReminderPolicy Reminders,
    PlanContact? Supervisor,
    IReadOnlyList<CommuneContact> Contacts,
    IReadOnlyList<string> Communes,
    StepStamp Started,
    StepStamp Updated)
{
    private const string IdPrefix = "ra-soat-";

    /// <summary>The review's id, which is also its reminder schedule id: <c>ra-soat-{year}-{province}</c>.</summary>
    public string Id => IdOf(Year, ProvinceCode);

    /// <summary>The id of a province's review.</summary>
    public static string IdOf(int year, string provinceCode) => string.Create(CultureInfo.InvariantCulture, $"{IdPrefix}{year}-{provinceCode}");

    /// <summary>Reads year and province back from a review id; false when it is not one.</summary>
    public static bool TryParseId(string id, out int year, [NotNullWhen(true)] out string? provinceCode)
    {
        year = 0;
        provinceCode = null;
        var parts = id.StartsWith(IdPrefix, StringComparison.Ordinal) ? id[IdPrefix.Length..].Split('-') : [];
        if (parts.Length != 2 || parts[0].Length != 4 || parts[1].Length != 2 || !parts[1].All(char.IsAsciiDigit)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            return false;
        }

        provinceCode = parts[1];
        return true;
    }
}

/// <summary>Where a commune gets its reminders.</summary>
/// <param name="CommuneCode">The commune.</param>
/// <param name="Name">Who (an officer or the commune's People's Committee); the commune's name when absent.</param>
/// <param name="Email">Email address, or null.</param>
/// <param name="Webhook">Webhook address, or null.</param>
public sealed record CommuneContact(string CommuneCode, string? Name, string? Email, string? Webhook);
