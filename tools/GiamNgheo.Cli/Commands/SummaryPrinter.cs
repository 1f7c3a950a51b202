using System.Globalization;
using GiamNgheo.Rules.Aggregation;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Cli.Commands;

/// <summary>Prints the commune's counts and rates per class, rates over all resident households and persons.</summary>
internal static class SummaryPrinter
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static void Print(SurveyOutcome outcome, TextWriter output)
    {
        var header = outcome.Header!;
        var place = header.District is null ? $"{header.Province.Name}" : $"{header.District.Name}, {header.Province.Name}";
        output.WriteLine($"{header.Commune.Name} ({header.Commune.Code}), {place} — năm rà soát {header.Year}");
        output.WriteLine($"Chuẩn áp dụng: {outcome.National!.Name} [{outcome.National.Id}]");
        output.WriteLine($"Hộ được rà soát: {N(outcome.HouseholdsScored)} / tổng số hộ dân cư {N(header.TotalHouseholds)}; tổng số nhân khẩu {N(header.TotalPersons)}");
        Table(outcome.NationalTally, header, output);
        if (outcome.Local is not null)
        {
            output.WriteLine();
            output.WriteLine($"Theo chuẩn địa phương: {outcome.Local.Name} [{outcome.Local.Id}] ({N(outcome.LocalTally.Households)} hộ xếp loại được)");
            Table(outcome.LocalTally, header, output);
        }

        if (outcome.Issues.WarningCount > 0)
            output.WriteLine($"Cảnh báo: {N(outcome.Issues.WarningCount)} (xem chi tiết ở stderr).");
    }

    private static void Table(ClassTally tally, SurveyHeader header, TextWriter output)
    {
        output.WriteLine($"  {"Phân loại",-28}{"Số hộ",10}{"Tỷ lệ hộ %",12}{"Nhân khẩu",12}{"Tỷ lệ khẩu %",14}");
        foreach (var c in HouseholdClasses.All)
        {
            var households = tally.HouseholdsOf(c);
            var persons = tally.PersonsOf(c);
            // Households not reviewed are not poor either, so a rate of reviewed not-poor households over all residents would mislead.
            var rated = c != HouseholdClass.NotPoor;
            var label = rated ? c.Label() : c.Label() + " (hộ rà soát)";
            output.WriteLine($"  {label,-28}{N(households),10}{(rated ? Rate(households, header.TotalHouseholds) : ""),12}{N(persons),12}{(rated ? Rate(persons, header.TotalPersons) : ""),14}");
        }
    }

    private static string N(long value) => value.ToString("#,##0", Vi);

    private static string Rate(long part, long total) => total == 0 ? "—" : (100m * part / total).ToString("0.00", Vi);
}
