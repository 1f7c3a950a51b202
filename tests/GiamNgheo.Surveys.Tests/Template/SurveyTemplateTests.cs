using ClosedXML.Excel;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Schema;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Surveys.Template;

namespace GiamNgheo.Surveys.Tests.Template;

public sealed class SurveyTemplateTests
{
    private static readonly string[] HouseholdColumnsBeforeFlags =
        ["ma_ho", "ho_ten_chu_ho", "so_cccd_chu_ho", "thon", "khu_vuc", "so_nhan_khau", "thu_nhap_binh_quan", "diem_b1"];

    private static readonly string[] HouseholdColumnsAfterFlags = ["dien_tich_nha_o_m2", "nlndn", "dan_toc_thieu_so", "co_nguoi_co_cong"];

    private static readonly string[] CommonIndicatorFlags =
    [
        "tt_viec_lam", "tt_nguoi_phu_thuoc", "tt_dinh_duong", "tt_bhyt", "tt_giao_duc_nguoi_lon", "tt_tre_em_di_hoc",
        "tt_chat_luong_nha_o", "tt_dien_tich_nha_o", "tt_nuoc_sinh_hoat", "tt_nha_tieu", "tt_vien_thong",
    ];

    [Fact]
    public void Template_opens_with_ClosedXML_and_stays_small()
    {
        using var stream = Template(2025);

        Assert.InRange(stream.Length, 1, 100 * 1024);
        using var workbook = new XLWorkbook(stream);
        Assert.NotEmpty(workbook.Worksheets);
    }

    [Fact]
    public void Template_has_the_instructions_then_the_three_survey_sheets_in_order()
    {
        using var workbook = Open(2025);

        Assert.Equal(["huong_dan", "thong_tin", "ho", "thanh_vien"], workbook.Worksheets.Select(s => s.Name));
    }

    [Fact]
    public void Household_sheet_of_2024_offers_the_twelve_indicators_of_Decree_07()
    {
        using var workbook = Open(2024);

        string[] expected = [.. HouseholdColumnsBeforeFlags, .. CommonIndicatorFlags, "tt_tiep_can_thong_tin", .. HouseholdColumnsAfterFlags];
        Assert.Equal(expected, HeaderKeys(workbook.Worksheet("ho")));
    }

    [Fact]
    public void Household_sheet_of_2027_offers_waste_treatment_instead_of_access_to_information()
    {
        using var workbook = Open(2027);

        var keys = HeaderKeys(workbook.Worksheet("ho"));
        string[] expected =
        [
            .. HouseholdColumnsBeforeFlags.Where(k => k != "diem_b1"), .. CommonIndicatorFlags, "tt_xu_ly_rac_thai",
            .. HouseholdColumnsAfterFlags.Where(k => k != "nlndn"),
        ];
        Assert.Equal(expected, keys);
        Assert.DoesNotContain("tt_tiep_can_thong_tin", keys);
    }

    [Fact]
    public void Household_sheet_of_2027_omits_B1_points_and_the_agriculture_flag_because_the_standard_has_no_threshold_or_band()
    {
        using var workbook = Open(2027);

        var keys = HeaderKeys(workbook.Worksheet("ho"));
        Assert.DoesNotContain("diem_b1", keys);
        Assert.DoesNotContain("nlndn", keys);
    }

    [Fact]
    public void District_column_is_offered_only_before_the_2025_reform()
    {
        using var before = Open(2024);
        using var after = Open(2025);

        Assert.Contains("ma_huyen", HeaderKeys(before.Worksheet("thong_tin")));
        Assert.DoesNotContain("ma_huyen", HeaderKeys(after.Worksheet("thong_tin")));
    }

    [Fact]
    public void Info_and_member_sheets_have_every_schema_column_in_schema_order()
    {
        using var workbook = Open(2024);

        Assert.Equal(SurveySchema.Info.Columns.Select(c => c.Key), HeaderKeys(workbook.Worksheet("thong_tin")));
        Assert.Equal(SurveySchema.Members.Columns.Select(c => c.Key), HeaderKeys(workbook.Worksheet("thanh_vien")));
    }

    [Fact]
    public void Header_cells_are_label_and_key_with_required_columns_marked_and_the_row_frozen()
    {
        using var workbook = Open(2025);
        var sheet = workbook.Worksheet("ho");

        var required = sheet.Cell(1, ColumnOf(sheet, "ma_ho"));
        var optional = sheet.Cell(1, ColumnOf(sheet, "thon"));
        Assert.Equal("Mã hộ * (ma_ho)", required.GetString());
        Assert.Equal("Thôn/tổ dân phố (thon)", optional.GetString());
        Assert.True(required.Style.Font.Bold);
        Assert.NotEqual(optional.Style.Fill.BackgroundColor, required.Style.Fill.BackgroundColor);
        Assert.Equal(1, sheet.SheetView.SplitRow);
    }

    [Fact]
    public void Code_and_flag_columns_have_in_cell_dropdown_lists_on_the_data_rows()
    {
        using var workbook = Open(2025);

        foreach (var sheetName in new[] { "thong_tin", "ho", "thanh_vien" })
        {
            var sheet = workbook.Worksheet(sheetName);
            var schema = SurveySchema.Sheets.Single(s => s.Name == sheetName);
            foreach (var (key, column) in HeaderKeys(sheet).Select((k, i) => (k, i + 1)))
            {
                var kind = schema.Find(key)!.Kind;
                if (kind is not (ColumnKind.Code or ColumnKind.Flag))
                    continue;
                var expected = kind == ColumnKind.Flag ? "0,1" : string.Join(",", schema.Find(key)!.Codes!.Select(c => c.Code));
                var validation = ValidationAt(sheet, 2, column);
                Assert.True(validation is not null, $"{sheetName}.{key} has no validation");
                Assert.Equal(XLAllowedValues.List, validation.AllowedValues);
                Assert.Equal($"\"{expected}\"", validation.Value);
                Assert.True(validation.InCellDropdown);
                Assert.False(string.IsNullOrWhiteSpace(validation.ErrorMessage));
                if (sheetName != "thong_tin")
                    Assert.Same(validation, ValidationAt(sheet, 5001, column));
            }
        }
    }

    [Fact]
    public void Household_area_dropdown_lists_rural_and_urban()
    {
        using var workbook = Open(2025);
        var sheet = workbook.Worksheet("ho");

        Assert.Equal("\"nong_thon,thanh_thi\"", ValidationAt(sheet, 2, ColumnOf(sheet, "khu_vuc"))!.Value);
    }

    [Theory]
    [InlineData("thong_tin", "ma_tinh", 2)]
    [InlineData("thong_tin", "ma_xa", 5)]
    [InlineData("thong_tin", "ma_huyen", 3)]
    [InlineData("ho", "so_cccd_chu_ho", 12)]
    public void Digit_columns_are_text_formatted_with_a_length_check(string sheetName, string key, int digits)
    {
        using var workbook = Open(2024);
        var sheet = workbook.Worksheet(sheetName);
        var column = ColumnOf(sheet, key);

        Assert.Equal("@", sheet.Column(column).Style.NumberFormat.Format);
        Assert.Equal("@", sheet.Cell(2, column).Style.NumberFormat.Format);
        var validation = ValidationAt(sheet, 2, column)!;
        Assert.Equal(XLAllowedValues.TextLength, validation.AllowedValues);
        Assert.Equal(XLOperator.EqualTo, validation.Operator);
        Assert.Equal(digits.ToString(System.Globalization.CultureInfo.InvariantCulture), validation.Value);
    }

    [Theory]
    [InlineData("ho", "so_nhan_khau", "1", "100")]
    [InlineData("thanh_vien", "nam_sinh", "1905", "2025")]
    [InlineData("thong_tin", "nam", "2025", "2025")]
    public void Whole_number_columns_are_bounded_as_the_scorer_bounds_them(string sheetName, string key, string min, string max)
    {
        using var workbook = Open(2025);
        var sheet = workbook.Worksheet(sheetName);

        var validation = ValidationAt(sheet, 2, ColumnOf(sheet, key))!;
        Assert.Equal(XLAllowedValues.WholeNumber, validation.AllowedValues);
        Assert.Equal((min, max), (validation.MinValue, validation.MaxValue));
    }

    [Fact]
    public void Money_and_number_columns_accept_only_non_negative_numbers()
    {
        using var workbook = Open(2025);
        var sheet = workbook.Worksheet("ho");

        foreach (var key in new[] { "thu_nhap_binh_quan", "diem_b1", "dien_tich_nha_o_m2" })
        {
            var validation = ValidationAt(sheet, 2, ColumnOf(sheet, key))!;
            Assert.Equal(XLAllowedValues.Decimal, validation.AllowedValues);
            Assert.Equal(XLOperator.EqualOrGreaterThan, validation.Operator);
            Assert.Equal("0", validation.Value);
        }
    }

    [Fact]
    public void Info_sheet_is_prefilled_with_the_year_and_the_periodic_review()
    {
        using var workbook = Open(2026);
        var sheet = workbook.Worksheet("thong_tin");

        Assert.Equal(2026, sheet.Cell(2, ColumnOf(sheet, "nam")).GetValue<int>());
        Assert.Equal("dinh_ky", sheet.Cell(2, ColumnOf(sheet, "ky_ra_soat")).GetString());
    }

    [Theory]
    [InlineData(2024, "1.500.000", "2.000.000")]
    [InlineData(2027, "2.200.000", "2.800.000")]
    public void Instructions_state_the_income_lines_of_the_year(int year, string rural, string urban)
    {
        var text = InstructionsText(year);

        Assert.Contains($"Mẫu phiếu rà soát hộ nghèo, hộ cận nghèo năm {year}", text);
        Assert.Contains($"nông thôn từ {rural} trở xuống", text);
        Assert.Contains($"thành thị từ {urban} trở xuống", text);
        Assert.Contains(StandardCatalog.Default.NationalFor(year)!.Id, text);
        Assert.Contains("từ 3 chỉ số trở lên", text);
    }

    [Fact]
    public void Instructions_give_B1_thresholds_and_middle_living_bands_where_the_standard_defines_them()
    {
        var text2024 = InstructionsText(2024);
        var text2027 = InstructionsText(2027);

        Assert.Contains("nông thôn từ 140 điểm trở xuống", text2024);
        Assert.Contains("nông thôn trên 1.500.000 đến 2.250.000", text2024);
        Assert.Contains("không quy định ngưỡng điểm B1", text2027);
        Assert.Contains("chưa quy định mức sống trung bình", text2027);
    }

    [Fact]
    public void Instructions_warn_only_when_the_indicator_list_is_provisional()
    {
        Assert.DoesNotContain("TẠM THỜI", InstructionsText(2024));
        Assert.Contains("TẠM THỜI", InstructionsText(2027));
    }

    [Fact]
    public void Instructions_list_every_template_column_with_its_allowed_values()
    {
        using var workbook = Open(2025);
        var table = workbook.Worksheet("huong_dan").RowsUsed()
            .Where(r => r.Cell(1).GetString() is "thong_tin" or "ho" or "thanh_vien")
            .Select(r => (Sheet: r.Cell(1).GetString(), Key: r.Cell(3).GetString(), Required: r.Cell(4).GetString(), Allowed: r.Cell(5).GetString()))
            .ToList();

        foreach (var sheetName in new[] { "thong_tin", "ho", "thanh_vien" })
            Assert.Equal(HeaderKeys(workbook.Worksheet(sheetName)), table.Where(t => t.Sheet == sheetName).Select(t => t.Key));
        var area = table.Single(t => t.Key == "khu_vuc");
        Assert.Equal("Có", area.Required);
        Assert.Contains("nong_thon: Nông thôn", area.Allowed);
        Assert.Equal("Không", table.Single(t => t.Key == "thon").Required);
    }

    [Fact]
    public void Template_explicitly_sizes_every_column()
    {
        using var workbook = Open(2025);

        foreach (var sheet in workbook.Worksheets)
        {
            var used = sheet.LastColumnUsed()!.ColumnNumber();
            for (var column = 1; column <= used; column++)
                Assert.InRange(sheet.Column(column).Width, 10, 90);
        }
    }

    [Theory]
    [InlineData("", 10, 1)]
    [InlineData("một hai ba", 12, 1)]
    [InlineData("một hai ba bốn", 12, 2)]
    [InlineData("dòng một\ndòng hai", 40, 2)]
    [InlineData("Mã hộ (tt_giao_duc_nguoi_lon_rat_dai)", 12, 5)]
    public void Row_height_estimate_wraps_at_words_and_breaks_words_longer_than_a_line(string text, double width, int lines)
    {
        Assert.Equal(lines, TemplateLayout.EstimatedLines(text, width));
    }

    [Fact]
    public void Year_without_a_national_standard_is_rejected_with_a_clear_message()
    {
        using var stream = new MemoryStream();

        var error = Assert.Throws<ArgumentException>(() => SurveyTemplate.Write(stream, 2019, StandardCatalog.Default));
        Assert.Contains("2019", error.Message);
        Assert.Contains("No national poverty standard", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Filled_in_template_is_read_and_scored_by_the_survey_reader()
    {
        using var template = Template(2025);
        using var filled = new MemoryStream();
        using (var workbook = new XLWorkbook(template))
        {
            var info = workbook.Worksheet("thong_tin");
            Set(info, 2, "ma_tinh", "01");
            Set(info, 2, "ma_xa", "00004");
            Set(info, 2, "tong_so_ho", 100);
            Set(info, 2, "tong_so_nhan_khau", 400);

            var households = workbook.Worksheet("ho");
            Set(households, 2, "ma_ho", "H001");
            Set(households, 2, "ho_ten_chu_ho", "Nguyễn Văn An");
            Set(households, 2, "khu_vuc", "nong_thon");
            Set(households, 2, "so_nhan_khau", 2);
            Set(households, 2, "thu_nhap_binh_quan", 1_200_000);
            foreach (var flag in StandardCatalog.Default.NationalFor(2025)!.Indicators.Select(i => i.FlagColumn))
                Set(households, 2, flag, flag is "tt_viec_lam" or "tt_bhyt" or "tt_nha_tieu" ? 1 : 0);
            Set(households, 3, "ma_ho", "H002");
            Set(households, 3, "khu_vuc", "thanh_thi");
            Set(households, 3, "so_nhan_khau", 4);
            Set(households, 3, "thu_nhap_binh_quan", 5_000_000);

            var members = workbook.Worksheet("thanh_vien");
            Set(members, 2, "ma_ho", "H001");
            Set(members, 2, "ho_ten", "Nguyễn Văn An");
            Set(members, 2, "nam_sinh", 1980);
            Set(members, 2, "co_bhyt", 0);
            Set(members, 3, "ma_ho", "H001");
            Set(members, 3, "ho_ten", "Trần Thị Bình");
            Set(members, 3, "nam_sinh", 1984);
            Set(members, 3, "co_bhyt", 1);
            workbook.SaveAs(filled);
        }

        var sink = new CollectingSink();
        using var source = SurveySource.Open(filled, "mau.xlsx");
        var outcome = new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default).Score(source, new SurveyExpectations(2025), sink);

        var issues = string.Join(Environment.NewLine, outcome.Issues.Listed);
        Assert.True(outcome.Succeeded, issues);
        Assert.Empty(outcome.Issues.Errors);
        Assert.Empty(outcome.Issues.Warnings);
        Assert.Equal("01", outcome.Header!.Province.Code);
        Assert.Equal("00004", outcome.Header.Commune.Code);
        Assert.Equal(100, outcome.Header.TotalHouseholds);
        Assert.Equal("nd-07-2021", outcome.National!.Id);
        Assert.Equal(2, outcome.MembersRead);
        Assert.Collection(sink.Scored,
            poor =>
            {
                Assert.Equal("H001", poor.Household.Facts.HouseholdId);
                Assert.Equal(HouseholdClass.Poor, poor.Result.National.Class);
                Assert.Equal(3, poor.Result.National.DeprivationCount);
            },
            notPoor =>
            {
                Assert.Equal("H002", notPoor.Household.Facts.HouseholdId);
                Assert.Equal(HouseholdClass.NotPoor, notPoor.Result.National.Class);
            });
    }

    [Fact]
    public void Unfilled_template_fails_only_for_the_missing_values_not_for_its_headers()
    {
        using var template = Template(2025);
        using var source = SurveySource.Open(template, "mau.xlsx");

        var outcome = new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default).Score(source, new SurveyExpectations(2025), new CollectingSink());

        Assert.False(outcome.Succeeded);
        Assert.Empty(outcome.Issues.Warnings);
        Assert.DoesNotContain(outcome.Issues.Errors, e => e.Message.Contains("Thiếu cột", StringComparison.Ordinal));
        Assert.Contains(outcome.Issues.Errors, e => e.Key == "ma_tinh");
        Assert.Contains(outcome.Issues.Errors, e => e.Sheet == "ho" && e.Message.Contains("chưa có hộ", StringComparison.Ordinal));
    }

    private static MemoryStream Template(int year)
    {
        var stream = new MemoryStream();
        SurveyTemplate.Write(stream, year, StandardCatalog.Default);
        stream.Position = 0;
        return stream;
    }

    private static XLWorkbook Open(int year)
    {
        using var stream = Template(year);
        return new XLWorkbook(stream);
    }

    private static string InstructionsText(int year)
    {
        using var workbook = Open(year);
        return string.Join("\n", workbook.Worksheet("huong_dan").CellsUsed().Select(c => c.GetString()));
    }

    /// <summary>The keys of the header row, read the way the reader reads them: the text in the last parentheses.</summary>
    private static List<string> HeaderKeys(IXLWorksheet sheet) =>
        sheet.Row(1).CellsUsed().Select(c =>
        {
            var text = c.GetString();
            var open = text.LastIndexOf('(');
            return text[(open + 1)..^1];
        }).ToList();

    private static int ColumnOf(IXLWorksheet sheet, string key) => HeaderKeys(sheet).IndexOf(key) switch
    {
        -1 => throw new InvalidOperationException($"{sheet.Name} has no column {key}."),
        var index => index + 1,
    };

    private static IXLDataValidation? ValidationAt(IXLWorksheet sheet, int row, int column) =>
        sheet.DataValidations.SingleOrDefault(v => v.Ranges.Any(r =>
            r.RangeAddress.FirstAddress.RowNumber <= row && row <= r.RangeAddress.LastAddress.RowNumber &&
            r.RangeAddress.FirstAddress.ColumnNumber <= column && column <= r.RangeAddress.LastAddress.ColumnNumber));

    private static void Set<T>(IXLWorksheet sheet, int row, string key, T value) => sheet.Cell(row, ColumnOf(sheet, key)).SetValue(value);

    private sealed class CollectingSink : IScoredHouseholdSink
    {
        public List<(SurveyHousehold Household, ScoredHousehold Result)> Scored { get; } = [];

        public void Add(SurveyHousehold household, ScoredHousehold result) => Scored.Add((household, result));
    }
}
