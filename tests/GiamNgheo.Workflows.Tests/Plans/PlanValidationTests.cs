using System.Text.Json.Nodes;
using GiamNgheo.Workflows.Plans;
using static GiamNgheo.Workflows.Tests.Plans.TestPlans;

namespace GiamNgheo.Workflows.Tests.Plans;

/// <summary>Every validation rule, through the JSON document, with its location and Vietnamese message; boundaries exact.</summary>
public sealed class PlanValidationTests
{
    private const int MaxListedIssues = 1000;

    [Fact]
    public void The_test_plan_is_valid_as_it_stands()
    {
        Assert.Empty(PlanValidator.Validate(TestPlans.ThanhLiem()));
    }

    [Theory]
    [InlineData("thanh-liem-2021")]
    [InlineData("a")]
    [InlineData("2021")]
    [InlineData("ke-hoach-1-2-3")]
    public void Key_safe_plan_ids_are_accepted(string id)
    {
        Assert.Equal(id, Valid(json => json["id"] = id).Id);
    }

    [Theory]
    [InlineData("Thanh-Liem")]
    [InlineData("thanh liem")]
    [InlineData("thanh--liem")]
    [InlineData("-thanh")]
    [InlineData("thanh-")]
    [InlineData("thanh_liem")]
    [InlineData("thanh-liêm")]
    [InlineData("ke/hoach")]
    public void Ids_that_are_not_key_safe_are_refused_with_an_example(string id)
    {
        Single(IssuesOf(json => json["id"] = id), "id", "chỉ dùng chữ thường không dấu (a–z), chữ số và dấu gạch ngang");
    }

    [Fact]
    public void An_id_of_64_characters_is_accepted_and_65_is_too_long()
    {
        Valid(json => json["id"] = new string('a', 64));

        Single(IssuesOf(json => json["id"] = new string('a', 65)), "id", "dài 65 ký tự; tối đa 64");
    }

    [Fact]
    public void An_empty_id_is_refused()
    {
        Single(IssuesOf(json => json["id"] = ""), "id", "Mã kế hoạch không được để trống");
    }

    [Fact]
    public void Years_run_from_2016_to_2100()
    {
        // A province plan, so that the unit exists in every year tried.
        Valid(json => { json["year"] = 2016; json["unitCode"] = "01"; Clear(json); Dates(json, 2016); });
        Valid(json => { json["year"] = 2100; json["unitCode"] = "01"; Clear(json); Dates(json, 2100); });

        Single(IssuesOf(json => { json["year"] = 2015; Dates(json, 2015); }), "year", "năm phải từ 2016 đến 2100");
        Single(IssuesOf(json => { json["year"] = 2101; json["unitCode"] = "01"; Clear(json); Dates(json, 2101); }), "year", "năm phải từ 2016 đến 2100");
    }

    [Fact]
    public void A_2021_plan_of_Thanh_Liem_uses_the_2021_district_and_commune_codes()
    {
        var plan = Valid(_ => { });

        Assert.Equal(("351", "13450"), (plan.UnitCode, plan.Reporters[1].UnitCode));
    }

    [Fact]
    public void A_province_plan_and_a_commune_plan_resolve_their_codes_on_1_September()
    {
        Valid(json => { json["unitCode"] = "35"; });
        Valid(json => { json["unitCode"] = "13450"; Item(json, "reporters", 1)["unitCode"] = "13450"; });
    }

    [Fact]
    public void A_code_of_the_wrong_length_or_with_letters_is_refused()
    {
        Single(IssuesOf(json => json["unitCode"] = "3510"), "unitCode", "mã tỉnh có 2 chữ số, mã huyện 3 chữ số (chỉ trước 01/07/2025), mã xã 5 chữ số");
        Single(IssuesOf(json => json["unitCode"] = "35a"), "unitCode", "mã tỉnh có 2 chữ số");
        Single(IssuesOf(json => json["unitCode"] = "5"), "unitCode", "mã tỉnh có 2 chữ số");
    }

    [Fact]
    public void A_unit_not_in_the_catalog_on_the_reference_date_is_refused()
    {
        Single(IssuesOf(json => { json["unitCode"] = "999"; Clear(json); }), "unitCode", "Không có huyện mã \"999\" trong danh mục đơn vị hành chính ngày 01/09/2021");
        Single(IssuesOf(json => { json["unitCode"] = "13451"; Clear(json); }), "unitCode", "Không có xã mã \"13451\"");
        Single(IssuesOf(json => { json["unitCode"] = "00"; Clear(json); }), "unitCode", "Không có tỉnh mã \"00\"");
    }

    [Fact]
    public void A_district_plan_of_2025_is_resolved_on_30_June_2025_with_the_communes_it_had()
    {
        var plan = Valid(json => { json["year"] = 2025; Dates(json, 2025); });

        Assert.Equal(("351", 2025), (plan.UnitCode, plan.Year));
    }

    [Fact]
    public void A_district_code_after_2025_is_refused_because_districts_ended_on_30_June_2025()
    {
        var issues = IssuesOf(json => { json["year"] = 2026; Clear(json); Dates(json, 2026); });

        Single(issues, "unitCode", "không dùng được cho ngày 01/09/2026: từ 01/07/2025 không còn cấp huyện");
    }

    [Fact]
    public void In_2025_a_commune_code_means_the_new_commune_of_1_September()
    {
        // 13495 was Xã Thanh Nguyên (Hà Nam) until 30/06/2025 and is Xã Thanh Liêm (Ninh Bình) since.
        Valid(json => { json["year"] = 2025; json["unitCode"] = "13495"; Clear(json); Dates(json, 2025); });
        Single(IssuesOf(json => { json["year"] = 2025; json["unitCode"] = "13450"; Clear(json); Dates(json, 2025); }),
            "unitCode", "Không có xã mã \"13450\" trong danh mục đơn vị hành chính ngày 01/09/2025");
        Single(IssuesOf(json => { json["year"] = 2025; json["unitCode"] = "35"; Clear(json); Dates(json, 2025); }),
            "unitCode", "Không có tỉnh mã \"35\"");
    }

    [Fact]
    public void A_documented_alias_is_refused_with_the_code_to_use()
    {
        var issues = IssuesOf(json => { json["year"] = 2025; json["unitCode"] = "06978"; Clear(json); Dates(json, 2025); });

        Single(issues, "unitCode", "là cách ghi khác của mã 06970 (Xã Ba Chẽ); hãy dùng mã 06970");
    }

    [Fact]
    public void A_reporter_unit_outside_the_plan_unit_is_refused()
    {
        // 13999 is a commune of Hà Nam, but not of Thanh Liêm.
        var issues = IssuesOf(json => Item(json, "reporters", 1)["unitCode"] = "13999");

        Single(issues, "reporters[1].unitCode", "không thuộc Huyện Thanh Liêm (mã 351), đơn vị ban hành kế hoạch");
    }

    [Fact]
    public void A_province_plan_accepts_its_districts_and_communes_as_reporters()
    {
        Valid(json =>
        {
            json["unitCode"] = "35";
            Item(json, "reporters", 0)["unitCode"] = "351";
        });
    }

    [Fact]
    public void A_reporter_unit_code_is_checked_like_the_plans()
    {
        Single(IssuesOf(json => Item(json, "reporters", 1)["unitCode"] = "1345"), "reporters[1].unitCode", "mã xã 5 chữ số");
        Single(IssuesOf(json => Item(json, "reporters", 1)["unitCode"] = "13451"), "reporters[1].unitCode", "Không có xã mã \"13451\"");
    }

    [Fact]
    public void Reporter_ids_must_be_unique_and_differ_from_the_supervisors()
    {
        var issues = IssuesOf(json =>
        {
            Item(json, "reporters", 1)["id"] = "phong-y-te";
            Array(json, "reporters").Add(new JsonObject { ["id"] = "phong-ldtbxh", ["name"] = "Phòng LĐ", ["email"] = "a@b.example" });
        });

        Assert.Equal(2, issues.Count);
        At(issues, "reporters[1].id", "Mã \"phong-y-te\" bị trùng");
        At(issues, "reporters[2].id", "trùng với mã nơi nhận báo cáo");
    }

    [Fact]
    public void Supervisor_and_reporter_ids_must_be_key_safe()
    {
        var issues = IssuesOf(json =>
        {
            json["supervisor"]!["id"] = "Phòng LĐ";
            Item(json, "reporters", 0)["id"] = "phong_y_te";
        });

        Assert.Equal(2, issues.Count);
        At(issues, "supervisor.id", "chữ thường không dấu");
        At(issues, "reporters[0].id", "chữ thường không dấu");
    }

    [Fact]
    public void A_reporter_or_supervisor_without_email_and_webhook_is_refused_at_its_email()
    {
        var issues = IssuesOf(json =>
        {
            json["supervisor"]!.AsObject().Remove("email");
            Item(json, "reporters", 1).Remove("email");
        });

        Assert.Equal(2, issues.Count);
        At(issues, "supervisor.email", "Cần ít nhất một địa chỉ nhận nhắc việc: email hoặc webhook");
        At(issues, "reporters[1].email", "email hoặc webhook");
    }

    [Fact]
    public void A_webhook_alone_is_enough()
    {
        var plan = Valid(json =>
        {
            Item(json, "reporters", 0).Remove("email");
            Item(json, "reporters", 0)["webhook"] = "https://zalo-relay.thanhliem.example/nhac-viec";
        });

        Assert.Null(plan.Reporters[0].Email);
    }

    [Theory]
    [InlineData("ldtbxh@thanhliem.gov.vn")]
    [InlineData("nguyen.van.a+ke-hoach@so-ldtbxh.hanam.gov.vn")]
    [InlineData("a@b.example")]
    public void Plain_qualified_email_addresses_are_accepted(string email)
    {
        Valid(json => Item(json, "reporters", 0)["email"] = email);
    }

    [Theory]
    [InlineData("ldtbxh")]
    [InlineData("ldtbxh@localhost")]
    [InlineData("Phòng Y tế <yte@thanhliem.example>")]
    [InlineData("y te@thanhliem.example")]
    [InlineData("yte@thanhliem.example.")]
    [InlineData("yte@.thanhliem.example")]
    [InlineData("yte@thanhliem..example")]
    [InlineData("yte@@thanhliem.example")]
    public void Email_addresses_that_are_not_one_qualified_mailbox_are_refused(string email)
    {
        Single(IssuesOf(json => Item(json, "reporters", 0)["email"] = email), "reporters[0].email", "không hợp lệ: cần một địa chỉ dạng ten@donvi.gov.vn");
    }

    [Theory]
    [InlineData("https://relay.thanhliem.example/nhac")]
    [InlineData("https://relay.thanhliem.example:8443/nhac?kenh=zalo")]
    [InlineData("http://localhost:7071/api/test-relay")]
    [InlineData("http://127.0.0.1:9000/relay")]
    [InlineData("http://[::1]:9000/relay")]
    public void Https_webhooks_and_http_on_this_machine_are_accepted(string webhook)
    {
        Valid(json => Item(json, "reporters", 0)["webhook"] = webhook);
    }

    [Fact]
    public void Http_webhooks_elsewhere_are_refused_because_reminders_would_travel_in_clear()
    {
        Single(IssuesOf(json => Item(json, "reporters", 0)["webhook"] = "http://relay.thanhliem.example/nhac"),
            "reporters[0].webhook", "phải dùng https://; http:// chỉ được dùng với localhost hoặc 127.0.0.1");
    }

    [Theory]
    [InlineData("relay.thanhliem.example/nhac")]
    [InlineData("/api/relay")]
    [InlineData("ftp://relay.thanhliem.example/nhac")]
    [InlineData("mailto:yte@thanhliem.example")]
    public void Webhooks_that_are_not_absolute_https_addresses_are_refused(string webhook)
    {
        Single(IssuesOf(json => Item(json, "reporters", 0)["webhook"] = webhook), "reporters[0].webhook", "phải là một địa chỉ đầy đủ bắt đầu bằng https://");
    }

    [Fact]
    public void A_webhook_carrying_credentials_is_refused()
    {
        Single(IssuesOf(json => json["supervisor"]!["webhook"] = "https://user:secret@relay.thanhliem.example/nhac"),
            "supervisor.webhook", "không được chứa tên đăng nhập hoặc mật khẩu");
    }

    [Fact]
    public void A_reporter_may_start_and_stop_on_the_same_day_but_not_stop_before_it_starts()
    {
        Valid(json => { Item(json, "reporters", 1)["activeFrom"] = "2021-07-01"; Item(json, "reporters", 1)["activeUntil"] = "2021-07-01"; });

        Single(IssuesOf(json => { Item(json, "reporters", 1)["activeFrom"] = "2021-07-01"; Item(json, "reporters", 1)["activeUntil"] = "2021-06-30"; }),
            "reporters[1].activeUntil", "Ngày thôi báo cáo 30/06/2021 trước ngày bắt đầu báo cáo 01/07/2021");
    }

    [Fact]
    public void Names_and_labels_must_not_be_blank()
    {
        var issues = IssuesOf(json =>
        {
            json["supervisor"]!["name"] = " ";
            Item(json, "reporters", 0)["name"] = "";
            Item(json, "periods", 0)["label"] = "";
            Item(json, "targets", 0)["label"] = "";
            Item(json, "targets", 0)["measure"] = "";
        });

        Assert.Equal(5, issues.Count);
        At(issues, "supervisor.name", "không được để trống");
        At(issues, "reporters[0].name", "Tên đơn vị báo cáo không được để trống");
        At(issues, "periods[0].label", "Tên kỳ báo cáo không được để trống");
        At(issues, "targets[0].label", "Tên chỉ tiêu không được để trống");
        At(issues, "targets[0].measure", "Nội dung đo của chỉ tiêu không được để trống");
    }

    [Fact]
    public void Text_of_500_characters_is_accepted_and_501_is_too_long()
    {
        Valid(json => { json["title"] = new string('k', 500); Item(json, "reporters", 0)["name"] = new string('p', 500); });

        var issues = IssuesOf(json => { json["title"] = new string('k', 501); Item(json, "reporters", 0)["name"] = new string('p', 501); json["note"] = new string('n', 501); });

        Assert.Equal(3, issues.Count);
        At(issues, "title", "dài 501 ký tự; tối đa 500");
        At(issues, "reporters[0].name", "tối đa 500");
        At(issues, "note", "tối đa 500");
    }

    [Fact]
    public void A_webhook_or_email_over_the_text_limit_is_refused_for_its_length()
    {
        var issue = Single(IssuesOf(json => Item(json, "reporters", 0)["webhook"] = "https://relay.example/" + new string('x', 500)), "reporters[0].webhook", "tối đa 500");

        Assert.True(issue.Message.Length < 200, "A hostile value is not echoed whole.");
    }

    [Fact]
    public void Period_ids_must_be_unique_and_key_safe()
    {
        var issues = IssuesOf(json =>
        {
            Item(json, "periods", 1)["id"] = "6-thang";
            Array(json, "periods").Add(new JsonObject { ["id"] = "Quý 3", ["label"] = "Quý III", ["due"] = "2021-09-20" });
        });

        Assert.Equal(2, issues.Count);
        At(issues, "periods[1].id", "Mã kỳ \"6-thang\" bị trùng");
        At(issues, "periods[2].id", "chữ thường không dấu");
    }

    [Fact]
    public void Deadlines_run_from_1_January_of_the_year_to_31_March_of_the_next()
    {
        Valid(json => { Item(json, "periods", 0)["due"] = "2021-01-01"; Item(json, "periods", 1)["due"] = "2022-03-31"; });

        var issues = IssuesOf(json => { Item(json, "periods", 0)["due"] = "2020-12-31"; Item(json, "periods", 1)["due"] = "2022-04-01"; });

        Assert.Equal(2, issues.Count);
        At(issues, "periods[0].due", "Hạn nộp 31/12/2020 nằm ngoài năm kế hoạch: hạn phải từ 01/01/2021 đến 31/03/2022");
        At(issues, "periods[1].due", "Hạn nộp 01/04/2022 nằm ngoài năm kế hoạch");
    }

    [Fact]
    public void A_plan_needs_a_reporter_and_a_period()
    {
        var issues = IssuesOf(json => { json["reporters"] = new JsonArray(); json.Remove("periods"); });

        Assert.Equal(2, issues.Count);
        At(issues, "reporters", "ít nhất một đơn vị báo cáo");
        At(issues, "periods", "ít nhất một kỳ báo cáo");
    }

    [Fact]
    public void A_plan_may_have_500_reporters_but_not_501()
    {
        Assert.Equal(500, Valid(json => Reporters(json, 500)).Reporters.Count);

        Single(IssuesOf(json => Reporters(json, 501)), "reporters", "Danh sách có 501 đơn vị báo cáo; tối đa 500");
    }

    [Fact]
    public void A_plan_may_have_24_periods_but_not_25()
    {
        Assert.Equal(24, Valid(json => Periods(json, 24)).Periods.Count);

        Single(IssuesOf(json => Periods(json, 25)), "periods", "Danh sách có 25 kỳ báo cáo; tối đa 24");
    }

    [Fact]
    public void A_plan_may_have_100_targets_but_not_101()
    {
        Assert.Equal(100, Valid(json => Targets(json, 100)).Targets.Count);

        Single(IssuesOf(json => Targets(json, 101)), "targets", "Danh sách có 101 chỉ tiêu; tối đa 100");
    }

    [Fact]
    public void The_validator_on_its_own_refuses_lists_over_their_limits()
    {
        var plan = TestPlans.ThanhLiem();
        var many = plan with
        {
            Reporters = [.. Enumerable.Range(0, 501).Select(i => new PlanReporter($"r-{i}", "Đơn vị", "a@b.example"))],
            Periods = [.. Enumerable.Range(0, 25).Select(i => new PlanPeriod($"p-{i}", "Kỳ", new DateOnly(2021, 6, 10)))],
            Targets = [.. Enumerable.Range(0, 101).Select(i => new PlanTarget($"t-{i}", "Chỉ tiêu", "do", 1, "ho"))],
        };

        var issues = PlanValidator.Validate(many);

        Assert.Equal(["reporters", "periods", "targets"], issues.Select(i => i.Location));
    }

    [Fact]
    public void Reminder_days_run_from_0_to_60_before_and_1_to_60_after()
    {
        var plan = Valid(json => json["reminders"] = new JsonObject { ["daysBefore"] = new JsonArray(60, 0), ["escalateDaysAfter"] = new JsonArray(1, 60) });
        Assert.Equal([60, 0], plan.Reminders.DaysBefore);

        var issues = IssuesOf(json => json["reminders"] = new JsonObject { ["daysBefore"] = new JsonArray(61, -1), ["escalateDaysAfter"] = new JsonArray(0, 61) });

        Assert.Equal(4, issues.Count);
        At(issues, "reminders.daysBefore[0]", "Số ngày nhắc trước hạn 61 không hợp lệ: phải là số nguyên từ 0 đến 60");
        At(issues, "reminders.daysBefore[1]", "trước hạn -1 không hợp lệ");
        At(issues, "reminders.escalateDaysAfter[0]", "Số ngày nhắc sau hạn 0 không hợp lệ: phải là số nguyên từ 1 đến 60");
        At(issues, "reminders.escalateDaysAfter[1]", "sau hạn 61 không hợp lệ");
    }

    [Fact]
    public void A_reminder_day_written_twice_is_refused_at_its_second_place()
    {
        Single(IssuesOf(json => json["reminders"]!["daysBefore"] = new JsonArray(7, 3, 7)), "reminders.daysBefore[2]", "Số ngày nhắc trước hạn 7 bị lặp");
    }

    [Fact]
    public void A_reminder_list_longer_than_61_days_is_refused_without_reading_it()
    {
        Single(IssuesOf(json => json["reminders"]!["daysBefore"] = new JsonArray([.. Enumerable.Range(0, 62).Select(i => (JsonNode)i)])),
            "reminders.daysBefore", "Danh sách có 62 số ngày");
    }

    [Theory]
    [InlineData("00:00")]
    [InlineData("23:59")]
    [InlineData("07:30")]
    public void Reminder_times_are_hours_and_minutes_of_the_day(string time)
    {
        Assert.Equal(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), Valid(json => json["reminders"]!["timeOfDay"] = time).Reminders.TimeOfDay);
    }

    [Theory]
    [InlineData("8:00")]
    [InlineData("24:00")]
    [InlineData("08:00:00")]
    [InlineData("8h")]
    public void Reminder_times_not_written_HH_mm_are_refused(string time)
    {
        Single(IssuesOf(json => json["reminders"]!["timeOfDay"] = time), "reminders.timeOfDay", "\"HH:mm\"");
    }

    [Fact]
    public void The_validator_refuses_a_reminder_time_with_seconds()
    {
        var plan = TestPlans.ThanhLiem() with { Reminders = ReminderPolicy.Default with { TimeOfDay = new TimeOnly(8, 0, 30) } };

        Single(PlanValidator.Validate(plan), "reminders.timeOfDay", "tròn phút");
    }

    [Theory]
    [InlineData("%")]
    [InlineData("diem-phan-tram")]
    [InlineData("ho")]
    [InlineData("nguoi")]
    [InlineData("xa")]
    public void Target_units_are_the_five_documented_ones(string unit)
    {
        Assert.Equal(unit, Valid(json => Item(json, "targets", 0)["unit"] = unit).Targets[0].Unit);
    }

    [Theory]
    [InlineData("phần trăm")]
    [InlineData("hộ")]
    [InlineData("")]
    public void Other_target_units_are_refused_with_the_list(string unit)
    {
        Single(IssuesOf(json => Item(json, "targets", 0)["unit"] = unit), "targets[0].unit", "chọn một trong %, diem-phan-tram, ho, nguoi, xa");
    }

    [Fact]
    public void Target_ids_must_be_unique()
    {
        Single(IssuesOf(json => Array(json, "targets").Add(new JsonObject { ["id"] = "ty-le-ho-ngheo", ["label"] = "Khác", ["measure"] = "x", ["value"] = 1, ["unit"] = "ho" })),
            "targets[1].id", "Mã chỉ tiêu \"ty-le-ho-ngheo\" bị trùng");
    }

    [Fact]
    public void A_percentage_runs_from_0_to_100()
    {
        Valid(json => Item(json, "targets", 0)["value"] = 0);
        Valid(json => Item(json, "targets", 0)["value"] = 100);

        Single(IssuesOf(json => Item(json, "targets", 0)["value"] = 100.01), "targets[0].value", "Tỷ lệ 100.01 % không hợp lệ: một tỷ lệ phần trăm phải từ 0 đến 100");
        Single(IssuesOf(json => Item(json, "targets", 0)["value"] = -0.5), "targets[0].value", "phải từ 0 đến 100");
    }

    [Fact]
    public void A_target_value_has_at_most_four_decimals_and_at_most_a_billion()
    {
        Valid(json => { Item(json, "targets", 0)["value"] = 1.4925m; });
        Valid(json => { Item(json, "targets", 0)["unit"] = "nguoi"; Item(json, "targets", 0)["value"] = -1_000_000_000; });

        Single(IssuesOf(json => Item(json, "targets", 0)["value"] = 1.49251m), "targets[0].value", "quá nhiều chữ số thập phân: tối đa 4");
        Single(IssuesOf(json => { Item(json, "targets", 0)["unit"] = "nguoi"; Item(json, "targets", 0)["value"] = 1_000_000_001; }), "targets[0].value", "quá lớn");
    }

    [Fact]
    public void A_rate_target_may_state_the_households_it_is_a_share_of()
    {
        Assert.Equal(42_673m, Valid(json => Item(json, "targets", 0)["base"] = 42_673).Targets[0].Base);
        Assert.Null(TestPlans.ThanhLiem().Targets[0].Base);
    }

    [Fact]
    public void A_base_is_a_positive_whole_number_of_households_and_only_on_a_rate()
    {
        Single(IssuesOf(json => Item(json, "targets", 0)["base"] = 0), "targets[0].base", "phải là số hộ, một số nguyên từ 1");
        Single(IssuesOf(json => Item(json, "targets", 0)["base"] = 1382.5), "targets[0].base", "phải là số hộ, một số nguyên từ 1");
        Single(IssuesOf(json => { Item(json, "targets", 0)["unit"] = "ho"; Item(json, "targets", 0)["base"] = 1382; }), "targets[0].base", "chỉ dùng cho chỉ tiêu tỷ lệ");
        Single(IssuesOf(json => Item(json, "targets", 0)["base"] = "1382"), "targets[0].base", "Tổng số hộ làm mẫu số phải là một số");
    }

    [Fact]
    public void A_measure_the_reports_compute_must_be_given_in_its_unit()
    {
        Valid(json => { Item(json, "targets", 0)["measure"] = "poor-households-reduced"; Item(json, "targets", 0)["unit"] = "ho"; });

        Single(IssuesOf(json => Item(json, "targets", 0)["measure"] = "poor-households-reduced"), "targets[0].unit", "tính bằng ho, không phải %");
    }

    [Fact]
    public void Every_problem_of_a_plan_is_reported_at_once()
    {
        var issues = IssuesOf(json =>
        {
            json["id"] = "Kế hoạch";
            Item(json, "reporters", 0)["email"] = "yte";
            Item(json, "periods", 1)["due"] = "2023-01-01";
            Item(json, "targets", 0)["unit"] = "phần trăm";
            json["reminders"]!["escalateDaysAfter"] = new JsonArray(0);
        });

        Assert.Equal(["id", "reporters[0].email", "periods[1].due", "reminders.escalateDaysAfter[0]", "targets[0].unit"], issues.Select(i => i.Location));
    }

    [Fact]
    public void A_flood_of_problems_is_listed_up_to_a_thousand_and_counted()
    {
        // Three problems in each of 500 reporters.
        var issues = IssuesOf(json => Reporters(json, 500, email: "sai", id: "Sai", name: ""));

        Assert.Equal(MaxListedIssues + 1, issues.Count);
        Assert.Equal("$", issues[^1].Location);
        Assert.Contains("… và 500 lỗi khác không liệt kê", issues[^1].Message, StringComparison.Ordinal);
    }

    /// <summary>Removes the reporters' unit codes, which belong to the test plan's district only.</summary>
    private static void Clear(JsonObject json) => Item(json, "reporters", 1).Remove("unitCode");

    /// <summary>Moves the deadlines into <paramref name="year"/>.</summary>
    private static void Dates(JsonObject json, int year)
    {
        Item(json, "periods", 0)["due"] = $"{year}-06-10";
        Item(json, "periods", 1)["due"] = $"{year}-11-15";
    }

    private static void Reporters(JsonObject json, int count, string email = "dv@thanhliem.example", string id = "dv", string name = "Đơn vị")
    {
        json["reporters"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"{id}-{i}",
            ["name"] = name,
            ["email"] = email,
        })]);
    }

    private static void Periods(JsonObject json, int count)
    {
        json["periods"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"ky-{i}",
            ["label"] = $"Kỳ {i}",
            ["due"] = new DateOnly(2021, 1, 1).AddDays(i * 14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        })]);
    }

    private static void Targets(JsonObject json, int count)
    {
        json["targets"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"chi-tieu-{i}",
            ["label"] = $"Chỉ tiêu {i}",
            ["measure"] = "so-ho",
            ["value"] = i,
            ["unit"] = "ho",
        })]);
    }
}
