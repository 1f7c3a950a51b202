using System.Globalization;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Synthetic;

/// <summary>How well off a commune is, which sets where its incomes sit relative to the income line.</summary>
internal enum CommuneSetting
{
    Prosperous,
    Average,
    Remote,
}

/// <summary>Traits of one commune drawn once from its seed; they shape every household in it.</summary>
internal sealed class CommuneProfile
{
    private CommuneProfile(AdminUnit commune) => Commune = commune;

    public AdminUnit Commune { get; }

    public CommuneSetting Setting { get; private init; }

    /// <summary>Mean of ln(income per person ÷ income line) over the commune's reviewed households.</summary>
    public double IncomeLogMean { get; private init; }

    public double UrbanShare { get; private init; }

    public double MinorityShare { get; private init; }

    /// <summary>Resident households not in the file: the review lists only part of the commune.</summary>
    public long NonReviewedHouseholds { get; private init; }

    /// <summary>Average size of the households not in the file.</summary>
    public double NonReviewedSize { get; private init; }

    public int Villages { get; private init; }

    public string RuralVillage { get; private init; } = "";

    public string UrbanVillage { get; private init; } = "";

    /// <summary>Family names spelled the southern way (Huỳnh, Võ).</summary>
    public bool SouthernNames { get; private init; }

    public static CommuneProfile Draw(AdminUnit commune, int reviewedHouseholds, Random random)
    {
        // Wards are towns and cities, so mostly well off; remote, mountainous communes are among the xã.
        var (prosperous, average, urbanShare) = commune.Type switch
        {
            "phuong" => (0.70, 0.30, 0.95),
            "thi_tran" => (0.50, 0.40, 0.85),
            "dac_khu" => (0.30, 0.60, 0.10),
            _ => (0.35, 0.40, 0.04),
        };
        var draw = random.NextDouble();
        var setting = draw < prosperous ? CommuneSetting.Prosperous : draw < prosperous + average ? CommuneSetting.Average : CommuneSetting.Remote;

        // With a spread of 0.6 in ln(income ÷ line), these means put Φ(−mean/0.6) of households at or below the line:
        // about 2–7% in prosperous communes, 6–18% in average ones and 25–47% in remote ones.
        var (low, high, minority) = setting switch
        {
            CommuneSetting.Prosperous => (0.90, 1.20, 0.01),
            CommuneSetting.Average => (0.55, 0.95, 0.06),
            _ => (0.05, 0.40, 0.40 + (0.55 * random.NextDouble())),
        };
        var incomeLogMean = low + ((high - low) * random.NextDouble());

        // Reviewed households are a third to four fifths of the residents.
        var nonReviewed = (long)Math.Round(reviewedHouseholds * (0.25 + (1.75 * random.NextDouble())));
        var province = int.Parse(commune.ProvinceCode, CultureInfo.InvariantCulture);
        // Southeast and Mekong provinces call villages ấp and urban groups khu phố.
        var deepSouth = province >= 70;
        return new CommuneProfile(commune)
        {
            Setting = setting,
            IncomeLogMean = incomeLogMean,
            UrbanShare = urbanShare,
            MinorityShare = minority,
            NonReviewedHouseholds = nonReviewed,
            NonReviewedSize = 3.2 + (0.7 * random.NextDouble()),
            // A village or residential group has a few hundred households.
            Villages = (int)Math.Clamp(Math.Round((reviewedHouseholds + nonReviewed) / (150 + (250 * random.NextDouble()))), 4, 80),
            RuralVillage = deepSouth ? "Ấp" : setting == CommuneSetting.Remote ? "Bản" : "Thôn",
            UrbanVillage = deepSouth ? "Khu phố" : "Tổ dân phố",
            // Huế (46) and southwards.
            SouthernNames = province >= 46,
        };
    }
}
