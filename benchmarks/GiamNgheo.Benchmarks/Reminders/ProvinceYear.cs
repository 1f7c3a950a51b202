using System.Globalization;
using System.Text.Json;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Review;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>Something a person does at a fixed instant of the year.</summary>
internal abstract record YearAction(DateTimeOffset At);

/// <summary>A reporter's report for a period: a file upload or the supervisor marking it received.</summary>
internal sealed record PlanReportAction(DateTimeOffset At, string PlanId, string PeriodId, string ReporterId, bool AsFile) : YearAction(At);

/// <summary>The province starts its annual review (settings, contacts of every commune).</summary>
internal sealed record ReviewStartAction(DateTimeOffset At) : YearAction(At);

/// <summary>A commune's first survey is scored by the pipeline (which completes the <c>khao-sat</c> step and wakes nothing).</summary>
internal sealed record SurveyScoredAction(DateTimeOffset At, string CommuneCode) : YearAction(At);

/// <summary>A commune records a review step through the review service.</summary>
internal sealed record ReviewStepAction(DateTimeOffset At, string CommuneCode, string Step, string Body) : YearAction(At);

/// <summary>One province's reminder year: two reporting plans, the annual review, and who acts when (seeded, so every run is the same).</summary>
/// <remarks>Hà Nội has exactly 126 communes and wards on the review's reference date (1 September 2025). Of the reporters of each
/// period, about 55 % report on time, 25 % late and 20 % never; of the communes, about 60 % walk the review's steps before each
/// milestone, 25 % after it, and 15 % stop after listing their households, so every milestone escalates somebody.</remarks>
internal sealed class ProvinceYear
{
    public const int Year = 2025;
    public const string ProvinceCode = "01";
    public const string QuarterlyPlanId = "bao-cao-quy-2025";
    public const string HalfYearPlanId = "bao-cao-6-thang-2025";

    /// <summary>When both plans are published (a Monday in January).</summary>
    public static readonly DateTimeOffset Start = VietnamTime.At(new DateOnly(Year, 1, 6), new TimeOnly(9, 0));

    /// <summary>When the province starts its review, two weeks before the legal window opens.</summary>
    public static readonly DateTimeOffset ReviewStart = VietnamTime.At(new DateOnly(Year, 8, 15), new TimeOnly(9, 0));

    /// <summary>After the last deadline's watch window (due + 7 + 21 days of the December deadlines).</summary>
    public static readonly DateTimeOffset End = VietnamTime.At(new DateOnly(Year + 1, 1, 15), new TimeOnly(0, 0));

    private const string Domain = "hanoi.example";

    private static readonly (string Id, string Name)[] Agencies =
    [
        ("so-tai-chinh", "Sở Tài chính"), ("so-y-te", "Sở Y tế"), ("so-gd-dt", "Sở Giáo dục và Đào tạo"), ("so-xay-dung", "Sở Xây dựng"),
        ("so-noi-vu", "Sở Nội vụ"), ("so-cong-thuong", "Sở Công Thương"), ("so-vh-tt", "Sở Văn hóa và Thể thao"),
        ("so-kh-cn", "Sở Khoa học và Công nghệ"), ("so-tu-phap", "Sở Tư pháp"), ("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo"),
        ("so-du-lich", "Sở Du lịch"), ("so-quy-hoach-kien-truc", "Sở Quy hoạch - Kiến trúc"), ("nhcsxh", "Chi nhánh Ngân hàng Chính sách xã hội"),
        ("bhxh", "Bảo hiểm xã hội thành phố"), ("thong-ke", "Thống kê thành phố"), ("cong-an", "Công an thành phố"),
        ("hoi-lhpn", "Hội Liên hiệp Phụ nữ thành phố"), ("thanh-doan", "Thành đoàn Hà Nội"), ("hoi-nong-dan", "Hội Nông dân thành phố"),
        ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"),
    ];

    private ProvinceYear(string provinceName, IReadOnlyList<AdminUnit> communes, IReadOnlyList<ReportingPlan> plans, JsonElement reviewBody, IReadOnlyList<YearAction> actions)
    {
        ProvinceName = provinceName;
        Communes = communes;
        Plans = plans;
        ReviewBody = reviewBody;
        Actions = actions;
    }

    public string ProvinceName { get; }

    public IReadOnlyList<AdminUnit> Communes { get; }

    public IReadOnlyList<ReportingPlan> Plans { get; }

    /// <summary>The body of <c>POST /api/reviews/2025/01</c>: the supervisor and a contact for every commune; default milestones and reminders.</summary>
    public JsonElement ReviewBody { get; }

    /// <summary>Every action of the year in time order.</summary>
    public IReadOnlyList<YearAction> Actions { get; }

    public static PlanContact Supervisor { get; } = new("so-nn-mt", "Sở Nông nghiệp và Môi trường", $"so-nn-mt@{Domain}");

    public static ProvinceYear Create(AdminUnitCatalog units, int seed)
    {
        var reference = ReviewYear.Of(Year).ReferenceDate;
        var province = units.FindProvince(ProvinceCode, reference) ?? throw new InvalidOperationException($"Province {ProvinceCode} is not in the catalog.");
        var communes = units.CommunesOf(ProvinceCode, reference);
        var plans = new[]
        {
            Plan(QuarterlyPlanId, "báo cáo quý", communes.Take(20),
                [new("quy-1", "Quý I", new DateOnly(Year, 3, 20)), new("quy-2", "Quý II", new DateOnly(Year, 6, 20)),
                 new("quy-3", "Quý III", new DateOnly(Year, 9, 19)), new("nam", "Cả năm", new DateOnly(Year, 12, 15))]),
            Plan(HalfYearPlanId, "báo cáo 6 tháng và năm", communes.Skip(20).Take(20),
                [new("6-thang", "6 tháng đầu năm", new DateOnly(Year, 6, 10)), new("nam", "Cả năm", new DateOnly(Year, 11, 14))]),
        };
        foreach (var plan in plans)
        {
            if (PlanValidator.Validate(plan, units) is { Count: > 0 } issues)
                throw new InvalidOperationException($"Plan {plan.Id} is invalid: {string.Join("; ", issues)}");
        }

        var body = JsonSerializer.SerializeToElement(new
        {
            supervisor = new { id = Supervisor.Id, name = Supervisor.Name, email = Supervisor.Email },
            contacts = communes.Select(c => new { communeCode = c.Code, email = CommuneEmail(c.Code) }),
        });

        var random = new Random(seed);
        var actions = new List<YearAction> { new ReviewStartAction(ReviewStart) };
        foreach (var plan in plans)
            actions.AddRange(Reports(plan, random));
        foreach (var commune in communes)
            actions.AddRange(Review(commune.Code, random));
        return new ProvinceYear(province.Name, communes, plans, body, [.. actions.OrderBy(a => a.At)]);
    }

    private static string CommuneEmail(string code) => $"xa-{code}@{Domain}";

    private static ReportingPlan Plan(string id, string what, IEnumerable<AdminUnit> communes, IReadOnlyList<PlanPeriod> periods) => new(
        id,
        $"Kế hoạch {what} kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm {Year} trên địa bàn thành phố Hà Nội",
        Year,
        ProvinceCode,
        Supervisor,
        [.. Agencies.Select(a => new PlanReporter(a.Id, a.Name, $"{a.Id}@{Domain}")),
         .. communes.Select(c => new PlanReporter($"xa-{c.Code}", c.Name, CommuneEmail(c.Code), c.Code))],
        periods,
        ReminderPolicy.Default,
        []);

    /// <summary>Each reporter of each period: on time (up to 9 days before the due day), late (1–12 days after) or never.</summary>
    private static IEnumerable<YearAction> Reports(ReportingPlan plan, Random random)
    {
        foreach (var period in plan.Periods)
        {
            foreach (var reporter in plan.Reporters)
            {
                var draw = random.NextDouble();
                var asFile = random.Next(2) == 0;
                if (draw < 0.55)
                    yield return new PlanReportAction(During(period.Due.AddDays(-random.Next(0, 10)), random), plan.Id, period.Id, reporter.Id, asFile);
                else if (draw < 0.80)
                    yield return new PlanReportAction(During(period.Due.AddDays(random.Next(1, 13)), random), plan.Id, period.Id, reporter.Id, asFile);
            }
        }
    }

    /// <summary>A commune's review: diligent (each step before its milestone), late (after it), or stalled after the listing.</summary>
    /// <remarks>Dates respect the step rules with the default milestones (30/9, 31/10, 15/11, 25/11, 14/12): the posting starts
    /// on or after the meeting, and the decision comes at least six days after the posting starts, past its 3 working days.</remarks>
    private static IEnumerable<YearAction> Review(string commune, Random random)
    {
        var draw = random.NextDouble();
        if (draw >= 0.85)
        {
            yield return Step(commune, ReviewSteps.Listing, Day(10, 1, 20, random), random, _ => "{}");
            yield break;
        }

        var diligent = draw < 0.60;
        yield return Step(commune, ReviewSteps.Listing, diligent ? Day(9, 15, 29, random) : Day(10, 1, 10, random), random, _ => "{}");
        yield return new SurveyScoredAction(During(diligent ? Day(10, 5, 30, random) : Day(11, 1, 10, random), random), commune);
        yield return Step(commune, ReviewSteps.Meetings, diligent ? Day(11, 3, 14, random) : Day(11, 16, 20, random), random,
            day => Meeting(day, 40 + random.Next(40), random.Next(10)));
        var posting = diligent ? Day(11, 16, 24, random) : Day(11, 24, 28, random);
        yield return Step(commune, ReviewSteps.Posting, posting, random, day => $$"""{"batDau":"{{Iso(day)}}"}""");
        yield return Step(commune, ReviewSteps.Decision, diligent ? Day(12, 2, 12, random) : Day(12, 8, 14, random), random,
            day => $$"""{"so":"{{random.Next(10, 300)}}/QĐ-UBND","ngay":"{{Iso(day)}}"}""");
    }

    /// <summary>One village meeting where all but a few of those attending agree (at least 50 % must).</summary>
    private static string Meeting(DateOnly day, int attending, int against) =>
        $$"""{"thon":"Thôn 1","ngay":"{{Iso(day)}}","thamDu":{{attending}},"dongY":{{attending - against}}}""";

    private static ReviewStepAction Step(string commune, string step, DateOnly day, Random random, Func<DateOnly, string> body) =>
        new(During(day, random), commune, step, body(day));

    private static DateOnly Day(int month, int first, int last, Random random) => new(Year, month, random.Next(first, last + 1));

    /// <summary>An instant of office hours (07:30–17:30) of a day.</summary>
    private static DateTimeOffset During(DateOnly day, Random random) => VietnamTime.At(day, new TimeOnly(7, 30).AddMinutes(random.Next(0, 600)));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
