using System.Globalization;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Synthetic;

/// <summary>Generates the households of one commune one at a time; every enumeration replays the same households.</summary>
/// <remarks>
/// Sheets are written one after another, each in a single pass, so each sheet enumerates the households afresh from
/// the seed instead of keeping them: memory stays flat however large the commune. Sizes come from their own stream
/// so that the header's person total can be summed before any row is written.
/// The numbers behind the draws are explained on <see cref="SyntheticSurveyGenerator"/>.
/// </remarks>
internal sealed class HouseholdSynthesizer
{
    private const double IncomeLogSpread = 0.6;
    private const double MinorityIncomeGap = 0.25;
    private const long IncomeRounding = 10_000;
    private const long MinimumIncome = 100_000;
    private const double B1LogNoise = 0.05;
    private const double HardshipWeight = 2.2;
    private const double SharedDeprivationSpread = 0.8;
    private const double ExplicitDerivedShare = 0.4;

    // Mean about 3.6, near the census average of 3.5 persons a household; 3 and 4 the commonest sizes.
    private static readonly WeightedChoice<int> Sizes = new([(1, 9), (2, 19), (3, 23), (4, 24), (5, 13), (6, 7), (7, 3), (8, 1.2), (9, 0.8)]);

    // Log-odds of each deprivation for a household right at the income line, before the household's shared effect.
    // Guesses with a plausible order: sanitation, water, housing and adult education common; telecoms rare.
    private static readonly Dictionary<string, double> DeprivationLogOdds = new(StringComparer.Ordinal)
    {
        ["viec_lam"] = -2.0,
        ["nguoi_phu_thuoc"] = -2.2,
        ["dinh_duong"] = -2.6,
        ["bhyt"] = -2.2,
        ["giao_duc_nguoi_lon"] = -1.4,
        ["tre_em_di_hoc"] = -3.0,
        ["chat_luong_nha_o"] = -1.5,
        ["dien_tich_nha_o"] = -2.5,
        ["nuoc_sinh_hoat"] = -1.6,
        ["nha_tieu"] = -1.1,
        ["vien_thong"] = -3.2,
        ["tiep_can_thong_tin"] = -2.2,
        ["xu_ly_rac_thai"] = -1.3,
    };

    private const double DefaultDeprivationLogOdds = -2.0;

    private readonly CommuneProfile _profile;
    private readonly SyntheticYear _year;
    private readonly int _households;
    private readonly int _seed;
    private readonly IReadOnlyList<string> _birthProvinces;
    private readonly int _indicatorCount;

    public HouseholdSynthesizer(CommuneProfile profile, SyntheticYear year, int households, int seed, IReadOnlyList<string> birthProvinces, int indicatorCount)
    {
        _profile = profile;
        _year = year;
        _households = households;
        _seed = seed;
        _birthProvinces = birthProvinces;
        _indicatorCount = indicatorCount;
    }

    /// <summary>Members of all households, without generating anything but sizes.</summary>
    public long CountPersons()
    {
        var sizes = new Random(SyntheticSeed.Derive(_seed, SyntheticSeed.SizeStream));
        long persons = 0;
        for (var i = 0; i < _households; i++)
            persons += DrawSize(sizes);
        return persons;
    }

    public IEnumerable<SyntheticHousehold> Households()
    {
        var sizes = new Random(SyntheticSeed.Derive(_seed, SyntheticSeed.SizeStream));
        var details = new Random(SyntheticSeed.Derive(_seed, SyntheticSeed.DetailStream));
        for (var number = 1; number <= _households; number++)
            yield return Next(number, DrawSize(sizes), details);
    }

    private int DrawSize(Random random)
    {
        var size = Sizes.Pick(random);
        // Remote communes have more children per family.
        return _profile.Setting == CommuneSetting.Remote && random.NextDouble() < 0.3 ? Math.Min(9, size + 1) : size;
    }

    private SyntheticHousehold Next(int number, int size, Random random)
    {
        var urban = random.NextDouble() < _profile.UrbanShare;
        var area = urban ? AreaType.Urban : AreaType.Rural;
        var minority = random.NextDouble() < _profile.MinorityShare;
        var logRatio = _profile.IncomeLogMean - (minority ? MinorityIncomeGap : 0) + (IncomeLogSpread * Normal(random));
        // Positive below the income line; every deprivation grows with it.
        var hardship = -logRatio;
        var line = _year.National.IncomeLine.Value.For(area);
        var income = Math.Max(MinimumIncome, (long)Math.Round(line * Math.Exp(logRatio) / IncomeRounding) * IncomeRounding);

        var circumstances = new Circumstances(hardship, minority, random.NextDouble() < Logistic(-2.6 + (1.2 * hardship)));
        var members = Compose(size, circumstances, random);
        decimal? floorArea = random.NextDouble() < 0.85 ? FloorArea(size, hardship, random) : null;
        var code = string.Create(CultureInfo.InvariantCulture, $"{_profile.Commune.Code}-{number:D6}");
        var flags = Flags(new HouseholdFacts
        {
            HouseholdId = code,
            Area = area,
            Size = size,
            IncomePerCapita = income,
            FloorAreaM2 = floorArea,
            Members = Summarize(members),
        }, hardship, random);

        bool? agriculture = random.NextDouble() < (urban ? 0.05 : 0.6);
        var withB1 = _year.RecordsB1 && random.NextDouble() < 0.7;
        // Middle-living status is decided on income, so farming households always declare it.
        var withIncome = !withB1 || !_year.B1Suffices || (agriculture == true && _year.RecordsAgriculture) || random.NextDouble() < 0.5;
        var head = members[0];
        return new SyntheticHousehold
        {
            Code = code,
            HeadName = head.Name,
            CitizenId = random.NextDouble() < 0.03 ? null : CitizenId(head, random),
            Village = string.Create(CultureInfo.InvariantCulture, $"{(urban ? _profile.UrbanVillage : _profile.RuralVillage)} {random.Next(1, _profile.Villages + 1)}"),
            Urban = urban,
            Income = withIncome ? income : null,
            B1Points = withB1 ? B1Points(area, logRatio, random) : null,
            Flags = flags,
            FloorAreaM2 = floorArea,
            Agriculture = _year.RecordsAgriculture ? Blank(random, 0.02, agriculture) : null,
            EthnicMinority = Blank(random, 0.03, (bool?)minority),
            MeritFamily = Blank(random, 0.05, (bool?)(random.NextDouble() < 0.025)),
            Members = members,
        };
    }

    private MemberFacts Summarize(List<SyntheticMember> members)
    {
        var facts = _year.Scorer.NewMemberFacts();
        for (var i = 0; i < members.Count; i++)
            _year.Scorer.AddMember(facts, members[i].ToRecord(i + 1));
        return facts;
    }

    /// <summary>Explicit flags for the national standard's indicators, agreeing with whatever the scorer can derive from the facts.</summary>
    private bool?[] Flags(HouseholdFacts facts, double hardship, Random random)
    {
        // Income is always known here, so the scorer always classifies.
        _year.Scorer.TryScore(facts, out var scored, out _);
        var flags = new bool?[_indicatorCount];
        // Deprivations cluster: a household poor in one service tends to lack others too.
        var shared = SharedDeprivationSpread * Normal(random);
        foreach (var outcome in scored!.National.Indicators)
        {
            bool? flag;
            if (outcome.Source == IndicatorSource.Derived)
            {
                flag = random.NextDouble() < ExplicitDerivedShare ? outcome.Deprived : null;
            }
            else
            {
                var logOdds = DeprivationLogOdds.GetValueOrDefault(outcome.Indicator.Key, DefaultDeprivationLogOdds) + (HardshipWeight * hardship) + shared;
                // Officers mark deprivations; a "not deprived" is often left blank, which counts the same.
                flag = random.NextDouble() < Logistic(logOdds)
                    ? random.NextDouble() < 0.95 ? true : null
                    : random.NextDouble() < 0.7 ? false : null;
            }

            flags[outcome.Indicator.Index] = flag;
        }

        return flags;
    }

    private long B1Points(AreaType area, double logRatio, Random random)
    {
        var threshold = (double)_year.National.B1Threshold!.Value.For(area);
        return Math.Max(1, (long)Math.Round(threshold * Math.Exp(logRatio + (B1LogNoise * Normal(random)))));
    }

    private string CitizenId(SyntheticMember head, Random random)
    {
        var birthYear = _year.Year - head.Age;
        var province = random.NextDouble() < 0.85 ? _profile.Commune.ProvinceCode : _birthProvinces[random.Next(_birthProvinces.Count)];
        // 0/1 for men/women born in the 1900s, 2/3 in the 2000s.
        var centurySex = (birthYear >= 2000 ? 2 : 0) + (head.Male ? 0 : 1);
        return string.Create(CultureInfo.InvariantCulture, $"0{province}{centurySex}{birthYear % 100:D2}{random.Next(1_000_000):D6}");
    }

    private static decimal FloorArea(int size, double hardship, Random random)
    {
        var perPerson = Math.Exp(Math.Log(20) + (0.5 * Normal(random)) - (0.6 * hardship));
        return Math.Max(6m, Math.Round((decimal)(size * perPerson) * 2) / 2);
    }

    private List<SyntheticMember> Compose(int size, Circumstances c, Random random)
    {
        var members = new List<SyntheticMember>(size);
        var headMale = random.NextDouble() < 0.72;
        // People living alone are often old: the square root pushes ages towards 85.
        var headAge = size == 1 ? 25 + (int)(60 * Math.Sqrt(random.NextDouble())) : 24 + random.Next(50);
        var headFamily = Family(c, random);
        members.Add(Person(headFamily, headMale, headAge, "chủ hộ", c, random));
        var childFamily = headFamily;
        if (size > 1 && random.NextDouble() < (headAge < 70 ? 0.88 : 0.6))
        {
            var spouseFamily = Family(c, random);
            var gap = random.Next(0, 8);
            members.Add(Person(spouseFamily, !headMale, Math.Max(18, headMale ? headAge - gap : headAge + gap), headMale ? "vợ" : "chồng", c, random));
            if (!headMale)
                childFamily = spouseFamily;
        }

        // Younger heads sometimes keep a parent at home, most often a widowed mother.
        if (members.Count < size && headAge <= 50 && random.NextDouble() < 0.25)
        {
            var fatherAge = headAge + random.Next(22, 35);
            var both = size - members.Count >= 2 && random.NextDouble() < 0.4;
            var father = both || random.NextDouble() >= 0.65;
            if (father)
                members.Add(Person(headFamily, true, fatherAge, "bố", c, random));
            if (both || !father)
                members.Add(Person(Family(c, random), false, fatherAge - random.Next(0, 6), "mẹ", c, random));
        }

        // Older heads often live with a married child and grandchildren.
        if (headAge >= 50 && size - members.Count >= 2 && random.NextDouble() < 0.6)
        {
            var adultMale = random.NextDouble() < 0.6;
            var adultAge = Math.Max(18, headAge - random.Next(22, 33));
            members.Add(Person(childFamily, adultMale, adultAge, "con", c, random));
            var inLawFamily = Family(c, random);
            var grandFamily = adultMale ? childFamily : inLawFamily;
            if (size - members.Count >= 2 && random.NextDouble() < 0.75)
                members.Add(Person(inLawFamily, !adultMale, Math.Max(18, adultAge + random.Next(-3, 4)), adultMale ? "con dâu" : "con rể", c, random));
            while (members.Count < size)
                members.Add(Person(grandFamily, random.NextDouble() < 0.52, random.Next(0, Math.Clamp(adultAge - 18, 1, 16)), "cháu", c, random));
        }

        while (members.Count < size)
            members.Add(Person(childFamily, random.NextDouble() < 0.52, ChildAge(headAge, random), "con", c, random));
        return members;
    }

    private static int ChildAge(int parentAge, Random random)
    {
        var age = parentAge - random.Next(20, 39);
        return age >= 0 ? age : random.Next(0, parentAge - 17);
    }

    private string Family(Circumstances c, Random random) => VietnameseNames.Family(random, c.Minority, _profile.SouthernNames);

    private static SyntheticMember Person(string family, bool male, int age, string relation, Circumstances c, Random random)
    {
        var hardship = c.Hardship;
        var name = VietnameseNames.Full(random, family, male);
        // The state gives children under 6 a card; otherwise the uninsured cluster in households that skip the premium.
        bool? insured = age < 6 || !(c.Uninsured ? random.NextDouble() < 0.7 : random.NextDouble() < 0.01);
        bool? inSchool = age switch
        {
            < 3 => false,
            < 6 => random.NextDouble() >= Logistic(-2.5 + (1.2 * hardship)),
            < 16 => random.NextDouble() >= Logistic(-4.0 + (1.5 * hardship)),
            < 19 => random.NextDouble() < 0.75,
            < 23 => random.NextDouble() < 0.35,
            _ => false,
        };
        bool? malnourished = age < 16 ? random.NextDouble() < Logistic(-3.2 + (1.3 * hardship) + (age < 5 ? 0.5 : 0)) : null;
        bool? able = age < 15 ? null : random.NextDouble() >= (age >= 75 ? 0.4 : age >= 60 ? 0.08 : 0.015);
        EmploymentStatus? employment = able is { } canWork ? Employment(age, male, canWork, inSchool == true, hardship, random) : null;
        // Everyone from 80 without a pension gets the social allowance; younger elderly and disabled people when poor.
        bool? allowance = age >= 80 ? random.NextDouble() < 0.85
            : able == false ? random.NextDouble() < 0.6
            : age >= 60 && random.NextDouble() < Logistic(-2.5 + hardship);
        return new SyntheticMember(name, male, age, relation,
            Blank(random, 0.02, insured),
            Blank(random, 0.02, inSchool),
            Blank(random, 0.01, able),
            Blank(random, 0.03, employment),
            Blank(random, 0.02, allowance),
            Blank(random, 0.03, malnourished));
    }

    private static EmploymentStatus Employment(int age, bool male, bool able, bool inSchool, double hardship, Random random)
    {
        if (!able)
            return EmploymentStatus.UnableToWork;
        if (inSchool)
            return EmploymentStatus.Studying;
        if (age >= 60)
        {
            var draw = random.NextDouble();
            return draw < 0.5 ? EmploymentStatus.Employed : draw < 0.8 ? EmploymentStatus.NotWillingToWork : EmploymentStatus.Homemaker;
        }

        if (random.NextDouble() < Logistic(-3.8 + (1.2 * hardship)))
            return random.NextDouble() < 0.6 ? EmploymentStatus.NotEmployed : EmploymentStatus.LookingForWork;
        return random.NextDouble() < (male ? 0.01 : 0.08) ? EmploymentStatus.Homemaker : EmploymentStatus.Employed;
    }

    /// <summary>Leaves an answer blank now and then, as officers do.</summary>
    private static T? Blank<T>(Random random, double share, T? value)
        where T : struct => value is null || random.NextDouble() < share ? null : value;

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private readonly record struct Circumstances(double Hardship, bool Minority, bool Uninsured);
}
