using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Surveys.Changes;

namespace GiamNgheo.Pipeline.Tests.Reports;

public sealed class ChangeCalculatorTests
{
    private const string Poor = "ngheo";
    private const string NearPoor = "can_ngheo";
    private const string Middle = "muc_song_trung_binh";
    private const string NotPoor = "khong_ngheo";

    private static ListedHousehold H(string code, string @class) => new(code, @class);

    private static StartList Counted(string commune, params ListedHousehold[] households) => new(commune, StartSource.Counted, Shared: false, households);

    private static DeclaredChange Declared(string code, string kind, string? newCode = null, string? oldCommune = null) => new(code, kind, newCode, null, oldCommune, 2);

    [Fact]
    public void Every_flow_of_a_two_year_commune_is_named_and_the_identity_holds()
    {
        StartList start = Counted("10001",
            H("P-stay", Poor), H("P-near", Poor), H("P-middle", Poor), H("P-above", Poor),
            H("P-moved", Poor), H("P-merged", Poor), H("P-died", Poor), H("P-absent", Poor),
            H("N-stay", NearPoor), H("N-poor", NearPoor), H("N-above", NearPoor), H("N-moved", NearPoor), H("N-absent", NearPoor),
            H("X-not-counted", NotPoor));
        ListedHousehold[] end =
        [
            H("P-stay", Poor), H("P-near", NearPoor), H("P-middle", Middle), H("P-above", NotPoor),
            H("N-stay", NearPoor), H("N-poor", Poor), H("N-above", NotPoor),
            H("new-poor", Poor), H("again-poor", Poor), H("moved-in-poor", Poor), H("split-poor", Poor),
            H("new-near", NearPoor), H("again-near", NearPoor), H("moved-in-near", NearPoor),
            H("X-not-counted", Poor),
        ];
        DeclaredChange[] declarations =
        [
            Declared("P-moved", ChangeListReader.MovedOut), Declared("P-merged", ChangeListReader.Merged), Declared("P-died", ChangeListReader.DiedOut),
            Declared("N-moved", ChangeListReader.MovedOut), Declared("moved-in-poor", ChangeListReader.MovedIn),
            Declared("split-poor", ChangeListReader.Split), Declared("moved-in-near", ChangeListReader.MovedIn),
        ];
        var earlier = new EarlierClasses(new HashSet<string> { "again-poor" }, new HashSet<string> { "again-near" });
        var calculator = new ChangeCalculator(2024);

        calculator.AddCommune("10001", [start], end, declarations, earlier);
        var report = calculator.Build();

        var poor = report.Poor;
        Assert.Equal(8, poor.Start);
        Assert.Equal(1, poor.Leaving["toNearPoor"]);
        Assert.Equal(2, poor.Leaving["aboveNearPoor"]);
        Assert.Equal(2, poor.Entering["new"]);
        Assert.Equal(1, poor.Entering["returned"]);
        Assert.Equal(1, poor.Entering["fromNearPoor"]);
        Assert.Equal(1, poor.Other["movedIn"]);
        Assert.Equal(1, poor.Other["splitOff"]);
        Assert.Equal(-1, poor.Other["movedOut"]);
        Assert.Equal(-1, poor.Other["merged"]);
        Assert.Equal(-1, poor.Other["diedOut"]);
        Assert.Equal(-1, poor.Other["absentUndeclared"]);
        Assert.Equal(7, poor.End);
        Assert.True(poor.Balances());

        var near = report.NearPoor;
        Assert.Equal(5, near.Start);
        Assert.Equal(1, near.Leaving["toPoor"]);
        Assert.Equal(1, near.Leaving["aboveNearPoor"]);
        Assert.Equal(1, near.Entering["new"]);
        Assert.Equal(1, near.Entering["returned"]);
        Assert.Equal(1, near.Entering["fromPoor"]);
        Assert.Equal(1, near.Other["movedIn"]);
        Assert.Equal(-1, near.Other["movedOut"]);
        Assert.Equal(-1, near.Other["absentUndeclared"]);
        Assert.Equal(5, near.End);
        Assert.True(near.Balances());

        Assert.Equal("Tái nghèo", poor.Labels["returned"]);
        Assert.Equal("Tái cận nghèo", near.Labels["returned"]);
        Assert.DoesNotContain("toPoor", poor.Leaving.Keys);
        Assert.DoesNotContain("fromPoor", poor.Entering.Keys);
        Assert.Equal(1, report.StartLists["counted"]);
        Assert.Equal(0, report.IgnoredDeclarations);
    }

    [Fact]
    public void A_declared_rename_follows_the_household_to_its_new_code()
    {
        var calculator = new ChangeCalculator(2024);

        calculator.AddCommune("10001", [Counted("10001", H("old-1", Poor), H("old-2", NearPoor))],
            [H("new-1", NearPoor), H("new-2", NearPoor)],
            [Declared("old-1", ChangeListReader.Renamed, "new-1"), Declared("old-2", ChangeListReader.Renamed, "new-2")], EarlierClasses.None);
        var report = calculator.Build();

        Assert.Equal(1, report.Poor.Leaving["toNearPoor"]);
        Assert.Equal(0, report.Poor.Other["absentUndeclared"]);
        Assert.Equal(0, report.NearPoor.Entering["new"]);
        Assert.Equal(1, report.NearPoor.Entering["fromPoor"]);
        Assert.Equal(2, report.NearPoor.End);
    }

    [Fact]
    public void Without_the_rename_the_same_households_count_as_absent_and_new()
    {
        var calculator = new ChangeCalculator(2024);

        calculator.AddCommune("10001", [Counted("10001", H("old-1", Poor))], [H("new-1", Poor)], [], EarlierClasses.None);
        var report = calculator.Build();

        Assert.Equal(-1, report.Poor.Other["absentUndeclared"]);
        Assert.Equal(1, report.Poor.Entering["new"]);
        Assert.True(report.Poor.Balances());
    }

    [Fact]
    public void A_2025_commune_starts_from_its_merged_communes_and_colliding_codes_need_the_old_commune()
    {
        // Two pre-2025 communes both numbered a household 001; the 2025 list keeps one 001.
        StartList a = Counted("00001", H("001", Poor), H("A-2", Poor));
        StartList b = Counted("00004", H("001", NearPoor), H("B-2", NearPoor));
        ListedHousehold[] end = [H("001", Poor), H("A-2", Poor), H("B-2", NearPoor)];

        var undeclared = new ChangeCalculator(2025);
        undeclared.AddCommune("00004", [a, b], end, [], EarlierClasses.None);
        var blind = undeclared.Build();

        Assert.Equal(1, blind.CodeCollisions);
        Assert.Equal(2, blind.Poor.Start);
        Assert.Equal(2, blind.NearPoor.Start);
        Assert.Equal(-1, blind.Poor.Other["absentUndeclared"]);
        Assert.Equal(-1, blind.NearPoor.Other["absentUndeclared"]);
        Assert.Equal(1, blind.Poor.Entering["new"]);
        Assert.Equal(2, blind.StartLists["counted"]);

        var declared = new ChangeCalculator(2025);
        declared.AddCommune("00004", [a, b], end,
            [Declared("001", ChangeListReader.Renamed, "001", oldCommune: "00001"), Declared("001", ChangeListReader.MovedOut, oldCommune: "00004")], EarlierClasses.None);
        var told = declared.Build();

        Assert.Equal(0, told.CodeCollisions);
        Assert.Equal(0, told.Poor.Entering["new"]);
        Assert.Equal(0, told.Poor.Other["absentUndeclared"]);
        Assert.Equal(-1, told.NearPoor.Other["movedOut"]);
        Assert.Equal(2, told.Poor.End);
        Assert.True(told.Poor.Balances() && told.NearPoor.Balances());
    }

    [Fact]
    public void A_split_commune_gives_each_receiving_commune_only_the_households_it_follows()
    {
        var split = new StartList("00007", StartSource.Counted, Shared: true, [H("S-1", Poor), H("S-2", Poor), H("S-3", Poor)]);
        var calculator = new ChangeCalculator(2025);

        calculator.AddCommune("00008", [split], [H("S-1", Poor)], [Declared("S-2", ChangeListReader.DiedOut)], EarlierClasses.None);
        calculator.AddCommune("00010", [split], [H("S-3", NearPoor)], [], EarlierClasses.None);
        var report = calculator.Build();

        Assert.Equal(3, report.Poor.Start);
        Assert.Equal(-1, report.Poor.Other["diedOut"]);
        Assert.Equal(1, report.Poor.Leaving["toNearPoor"]);
        Assert.Equal(0, report.Poor.Other["absentUndeclared"]);
    }

    [Fact]
    public void An_uploaded_start_list_starts_a_commune_with_no_previous_year()
    {
        var uploaded = new StartList("10001", StartSource.Uploaded, Shared: false, [H("U-1", Poor), H("U-2", NearPoor)]);
        var calculator = new ChangeCalculator(2022);

        calculator.AddCommune("10001", [uploaded], [H("U-1", NearPoor), H("U-2", NearPoor)], [], EarlierClasses.None);
        var report = calculator.Build();

        Assert.Equal(1, report.StartLists["uploaded"]);
        Assert.Equal(1, report.Poor.Start);
        Assert.Equal(1, report.Poor.Leaving["toNearPoor"]);
        Assert.Equal(2, report.NearPoor.End);
    }

    [Fact]
    public void A_commune_without_any_start_is_listed_and_left_out_of_every_figure()
    {
        var calculator = new ChangeCalculator(2024);

        calculator.AddCommune("10001", [Counted("10001", H("a", Poor))], [H("a", Poor)], [], EarlierClasses.None);
        calculator.AddCommune("10002", null, [H("b", Poor), H("c", Poor)], [], EarlierClasses.None);
        var report = calculator.Build();

        Assert.Equal(["10002"], report.CommunesWithoutStart);
        Assert.Equal(1, report.Communes);
        Assert.Equal(1, report.Poor.End);
        Assert.Equal(0, report.Poor.Entering["new"]);
    }

    [Fact]
    public void Declarations_that_contradict_the_lists_are_counted_and_the_lists_win()
    {
        var calculator = new ChangeCalculator(2024);

        calculator.AddCommune("10001", [Counted("10001", H("here", Poor))], [H("here", Poor), H("arrived", Poor)],
            [Declared("here", ChangeListReader.MovedOut), Declared("nowhere", ChangeListReader.DiedOut), Declared("here", ChangeListReader.MovedIn)], EarlierClasses.None);
        var report = calculator.Build();

        Assert.Equal(3, report.IgnoredDeclarations);
        Assert.Equal(0, report.Poor.Other["movedOut"]);
        Assert.Equal(0, report.Poor.Other["movedIn"]);
        Assert.Equal(1, report.Poor.Entering["new"]);
    }

    [Fact]
    public void A_district_or_province_is_the_sum_of_its_communes_and_balances_like_each_of_them()
    {
        var calculator = new ChangeCalculator(2024);
        var random = new Random(11);
        string[] classes = [Poor, NearPoor, Middle, NotPoor];
        string[] kinds = [ChangeListReader.Renamed, ChangeListReader.MovedOut, ChangeListReader.MovedIn, ChangeListReader.Merged, ChangeListReader.Split, ChangeListReader.DiedOut];
        var starts = 0;
        var ends = 0;
        for (var commune = 0; commune < 20; commune++)
        {
            var start = Enumerable.Range(0, 60).Select(i => H($"h{i}", classes[random.Next(2)])).ToArray();
            var end = Enumerable.Range(0, 70).Where(_ => random.Next(5) > 0).Select(i => H($"h{i}", classes[random.Next(4)])).ToArray();
            var declarations = Enumerable.Range(0, 70).Where(_ => random.Next(4) == 0)
                .Select(i => random.Next(kinds.Length) is var k && k == 0 ? Declared($"h{i}", kinds[k], $"r{i}") : Declared($"h{i}", kinds[k])).ToArray();
            starts += start.Length;
            ends += end.Count(h => h.Class is Poor or NearPoor);
            calculator.AddCommune($"1{commune:D4}", [Counted($"1{commune:D4}", start)], end, declarations, EarlierClasses.None);
        }

        var report = calculator.Build();

        Assert.True(report.Poor.Balances());
        Assert.True(report.NearPoor.Balances());
        Assert.Equal(starts, report.Poor.Start + report.NearPoor.Start);
        Assert.Equal(ends, report.Poor.End + report.NearPoor.End);
    }
}
