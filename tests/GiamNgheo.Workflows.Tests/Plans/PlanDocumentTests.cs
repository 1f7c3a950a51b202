using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GiamNgheo.Workflows.Plans;
using static GiamNgheo.Workflows.Tests.Plans.TestPlans;

namespace GiamNgheo.Workflows.Tests.Plans;

public sealed class PlanDocumentTests
{
    private const string IssueExample = """
        {"id": "thanh-liem-2021", "title": "Kế hoạch giảm nghèo 2021", "year": 2021, "unitCode": "351",
         "supervisor": {"id": "phong-ldtbxh", "name": "Phòng LĐ-TB&XH", "email": "ldtbxh@thanhliem.example"},
         "reporters": [{"id": "phong-y-te", "name": "Phòng Y tế", "email": "yte@thanhliem.example"},
                       {"id": "xa-13450", "unitCode": "13450", "name": "UBND xã Liêm Phong", "email": "liemphong@thanhliem.example"}],
         "periods": [{"id": "6-thang", "label": "6 tháng đầu năm", "due": "2021-06-10"},
                     {"id": "nam", "label": "Cả năm", "due": "2021-11-15"}],
         "reminders": {"daysBefore": [7, 3, 1, 0], "escalateDaysAfter": [1, 3, 7]}}
        """;

    [Fact]
    public void The_issues_minimum_JSON_reads_into_the_plan()
    {
        var result = PlanDocument.Read(Encoding.UTF8.GetBytes(IssueExample));

        Assert.True(result.IsValid, string.Join(" | ", result.Issues));
        var plan = result.Plan;
        Assert.Equal(("thanh-liem-2021", 2021, "351"), (plan.Id, plan.Year, plan.UnitCode));
        Assert.Equal(new PlanContact("phong-ldtbxh", "Phòng LĐ-TB&XH", "ldtbxh@thanhliem.example"), plan.Supervisor);
        Assert.Equal(new PlanReporter("xa-13450", "UBND xã Liêm Phong", "liemphong@thanhliem.example", "13450"), plan.Reporters[1]);
        Assert.Equal([new PlanPeriod("6-thang", "6 tháng đầu năm", new DateOnly(2021, 6, 10)), new PlanPeriod("nam", "Cả năm", new DateOnly(2021, 11, 15))], plan.Periods);
        Assert.Equal(new TimeOnly(8, 0), plan.Reminders.TimeOfDay);
        Assert.Empty(plan.Targets);
        Assert.Null(plan.Source);
    }

    [Fact]
    public void Without_reminders_and_targets_a_plan_gets_the_default_policy_and_no_targets()
    {
        var plan = Valid(json =>
        {
            json.Remove("reminders");
            json.Remove("targets");
        });

        Assert.Equal([7, 3, 1, 0], plan.Reminders.DaysBefore);
        Assert.Equal([1, 3, 7], plan.Reminders.EscalateDaysAfter);
        Assert.Equal(new TimeOnly(8, 0), plan.Reminders.TimeOfDay);
        Assert.Empty(plan.Targets);
    }

    [Fact]
    public void A_reminder_policy_that_names_only_the_time_keeps_the_default_days()
    {
        var plan = Valid(json => json["reminders"] = new JsonObject { ["timeOfDay"] = "07:30" });

        Assert.Equal(new ReminderPolicy([7, 3, 1, 0], [1, 3, 7], new TimeOnly(7, 30)).TimeOfDay, plan.Reminders.TimeOfDay);
        Assert.Equal([7, 3, 1, 0], plan.Reminders.DaysBefore);
        Assert.Equal([1, 3, 7], plan.Reminders.EscalateDaysAfter);
    }

    [Fact]
    public void Empty_day_lists_mean_no_reminders_of_that_kind()
    {
        var plan = Valid(json => json["reminders"] = new JsonObject { ["daysBefore"] = new JsonArray(), ["escalateDaysAfter"] = new JsonArray() });

        Assert.Empty(plan.Reminders.DaysBefore);
        Assert.Empty(plan.Reminders.EscalateDaysAfter);
    }

    [Fact]
    public void A_plan_written_and_read_back_is_the_same_plan_and_writes_the_same_bytes()
    {
        var plan = TestPlans.ThanhLiem() with
        {
            Reporters =
            [
                new PlanReporter("phong-y-te", "Phòng Y tế", null, null, "https://relay.thanhliem.example/nhac", new DateOnly(2021, 3, 1), new DateOnly(2021, 12, 31)),
                new PlanReporter("xa-13450", "UBND xã Liêm Phong", "liemphong@thanhliem.example", "13450"),
            ],
            Reminders = new ReminderPolicy([10, 0], [], new TimeOnly(17, 45)),
            Note = "Ghi chú \"có dấu nháy\" & ký tự đặc biệt <>",
        };

        var bytes = PlanDocument.ToUtf8Bytes(plan);
        var read = PlanDocument.Read(bytes);

        Assert.True(read.IsValid, string.Join(" | ", read.Issues));
        Assert.Equal(bytes, PlanDocument.ToUtf8Bytes(read.Plan));
        Assert.Equal(plan.Reporters, read.Plan.Reporters);
        Assert.Equal(plan.Periods, read.Plan.Periods);
        Assert.Equal(plan.Targets, read.Plan.Targets);
        Assert.Equal(plan.Reminders.TimeOfDay, read.Plan.Reminders.TimeOfDay);
        Assert.Equal(plan.Reminders.DaysBefore, read.Plan.Reminders.DaysBefore);
        Assert.Equal((plan.Source, plan.Note), (read.Plan.Source, read.Plan.Note));
    }

    [Fact]
    public void Dates_are_written_as_ISO_days_the_time_as_hours_and_minutes_and_absent_fields_are_left_out()
    {
        var json = JsonNode.Parse(PlanDocument.ToJson(TestPlans.ThanhLiem()))!.AsObject();

        Assert.Equal("2021-06-10", (string?)json["periods"]![0]!["due"]);
        Assert.Equal("08:00", (string?)json["reminders"]!["timeOfDay"]);
        Assert.Equal(1.49m, (decimal)json["targets"]![0]!["value"]!);
        Assert.False(json["reporters"]![0]!.AsObject().ContainsKey("unitCode"));
        Assert.False(json["supervisor"]!.AsObject().ContainsKey("webhook"));
        Assert.False(json.ContainsKey("note"));
        Assert.Equal(["id", "title", "year", "unitCode", "supervisor", "reporters", "periods", "reminders", "targets", "source"], json.Select(p => p.Key));
    }

    [Fact]
    public void Vietnamese_text_is_written_readably_not_escaped()
    {
        var text = PlanDocument.ToJson(TestPlans.ThanhLiem());

        Assert.Contains("\"Phòng Lao động - Thương binh và Xã hội\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_trimmed_and_blank_optional_text_counts_as_absent()
    {
        var plan = Valid(json =>
        {
            json["title"] = "  Kế hoạch 2021  ";
            Item(json, "reporters", 0)["webhook"] = "   ";
            json["source"] = "";
        });

        Assert.Equal("Kế hoạch 2021", plan.Title);
        Assert.Null(plan.Reporters[0].Webhook);
        Assert.Null(plan.Source);
    }

    [Fact]
    public void A_target_value_is_kept_without_trailing_zeros()
    {
        var bytes = Encoding.UTF8.GetBytes(PlanDocument.ToJson(TestPlans.ThanhLiem()).Replace("\"value\": 1.49", "\"value\": 1.4900", StringComparison.Ordinal));

        var result = PlanDocument.Read(bytes);

        Assert.True(result.IsValid);
        Assert.Equal("1.49", result.Plan.Targets[0].Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Malformed_JSON_is_one_issue_at_its_line_and_character_counted_in_characters_not_bytes()
    {
        // Line 3 holds "Phòng" before the error: its "ò" takes two bytes but is one character.
        var text = "{\n  \"id\": \"a\",\n  \"title\": \"Phòng\" \"year\": 2021\n}";

        var result = PlanDocument.Read(Encoding.UTF8.GetBytes(text));

        // The 20th character of line 3 is the quote that opens "year", where a comma was due.
        var issue = Single(result.Issues, "dòng 3, ký tự 20", "không phải JSON hợp lệ");
        Assert.Equal('"', text.Split('\n')[2][19]);
        Assert.DoesNotContain("expected", issue.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(result.Plan);
    }

    [Fact]
    public void Anything_after_the_plan_object_is_malformed()
    {
        var result = PlanDocument.Read(Encoding.UTF8.GetBytes(PlanDocument.ToJson(TestPlans.ThanhLiem(), indented: false) + " {}"));

        Assert.StartsWith("dòng 1, ký tự ", Assert.Single(result.Issues).Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_not_JSON()
    {
        Assert.StartsWith("dòng 1", Assert.Single(PlanDocument.Read("{\"id\": \"a\", // chú thích\n}"u8).Issues).Location, StringComparison.Ordinal);
        Assert.StartsWith("dòng 1", Assert.Single(PlanDocument.Read("{\"id\": \"a\",}"u8).Issues).Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_one_issue_where_they_are_not_an_exception()
    {
        byte[] bytes = [.. "{\n\"title\": \"Ph"u8, 0xF2, .. "ng\"}"u8];

        Single(PlanDocument.Read(bytes).Issues, "dòng 2, ký tự 13", "UTF-8");
    }

    [Fact]
    public void A_plan_inside_a_larger_request_is_read_from_its_element()
    {
        using var request = JsonDocument.Parse($$"""{"publish": true, "plan": {{PlanDocument.ToJson(TestPlans.ThanhLiem())}}}""");

        var result = PlanDocument.Read(request.RootElement.GetProperty("plan"));

        Assert.True(result.IsValid);
        Assert.Equal(Canonical(TestPlans.ThanhLiem()), Canonical(result.Plan));
    }

    [Fact]
    public void An_element_parsed_elsewhere_holding_text_that_is_not_UTF8_is_one_issue()
    {
        byte[] bytes = [.. "{\"id\": \"Ph"u8, 0xF2, .. "ng\"}"u8];
        using var document = JsonDocument.Parse(bytes);

        Single(PlanDocument.Read(document.RootElement).Issues, "$", "không phải UTF-8");
    }

    [Fact]
    public void An_empty_document_is_one_issue()
    {
        Single(PlanDocument.Read(" \n "u8).Issues, "$", "rỗng");
        Single(PlanDocument.Read([]).Issues, "$", "rỗng");
    }

    [Fact]
    public void A_plan_that_is_not_an_object_is_one_issue()
    {
        Single(PlanDocument.Read("[1, 2]"u8).Issues, "$", "đối tượng JSON");
        Single(PlanDocument.Read("\"kế hoạch\""u8).Issues, "$", "đối tượng JSON");
    }

    [Fact]
    public void A_byte_order_mark_before_the_plan_is_allowed()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. PlanDocument.ToUtf8Bytes(TestPlans.ThanhLiem())];

        Assert.True(PlanDocument.Read(bytes).IsValid);
        Assert.True(PlanDocument.Read(new MemoryStream(bytes)).IsValid);
    }

    [Fact]
    public void A_document_of_exactly_one_mebibyte_is_read_and_one_byte_more_is_refused_unread()
    {
        var plan = PlanDocument.ToUtf8Bytes(TestPlans.ThanhLiem(), indented: false);
        // Whitespace after the object is still the same document, so the sizes are exact.
        var exact = plan.Concat(Enumerable.Repeat((byte)' ', PlanRules.MaxDocumentBytes - plan.Length)).ToArray();
        var over = exact.Append((byte)' ').ToArray();

        Assert.Equal(1 << 20, exact.Length);
        Assert.True(PlanDocument.Read(exact).IsValid);
        Assert.True(PlanDocument.Read(new MemoryStream(exact)).IsValid);
        Single(PlanDocument.Read(over).Issues, "$", "quá lớn: tối đa 1 MiB");
        Single(PlanDocument.Read(new MemoryStream(over)).Issues, "$", "quá lớn");
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_read_without_blocking_and_stops_after_the_limit()
    {
        var valid = await PlanDocument.ReadAsync(new OneWayStream(PlanDocument.ToUtf8Bytes(TestPlans.ThanhLiem())));
        var endless = new OneWayStream(new byte[10 << 20]);

        var refused = await PlanDocument.ReadAsync(endless);

        Assert.True(valid.IsValid);
        Single(refused.Issues, "$", "quá lớn");
        Assert.True(endless.Position < 2 << 20, $"Read {endless.Position} bytes of a document over the limit.");
    }

    [Fact]
    public void Unknown_fields_are_refused_where_they_are_so_a_misspelt_optional_field_is_not_lost()
    {
        var issues = IssuesOf(json =>
        {
            Item(json, "reporters", 0)["webHook"] = "https://relay.example/x";
            json["status"] = "published";
        });

        Assert.Equal(2, issues.Count);
        At(issues, "reporters[0].webHook", "không có trong mẫu");
        At(issues, "status", "các trường được dùng ở đây: id, title, year");
    }

    [Fact]
    public void A_field_written_twice_is_refused()
    {
        var text = PlanDocument.ToJson(TestPlans.ThanhLiem()).Replace("\"year\": 2021,", "\"year\": 2021, \"year\": 2022,", StringComparison.Ordinal);

        Single(PlanDocument.Read(Encoding.UTF8.GetBytes(text)).Issues, "year", "xuất hiện hai lần");
    }

    [Fact]
    public void Values_of_the_wrong_type_are_reported_at_their_paths_in_Vietnamese()
    {
        var issues = IssuesOf(json =>
        {
            json["year"] = "2021";
            json["title"] = 5;
            Item(json, "periods", 1)["due"] = 20211115;
            Item(json, "targets", 0)["value"] = "1,49";
            json["reminders"]!["daysBefore"] = new JsonArray(7, "ba", 1);
            json["reminders"]!["timeOfDay"] = "8h";
            Item(json, "reporters", 0)["email"] = true;
        });

        Assert.Equal(7, issues.Count);
        At(issues, "year", "số nguyên");
        At(issues, "title", "chuỗi văn bản");
        At(issues, "periods[1].due", "YYYY-MM-DD");
        At(issues, "targets[0].value", "phải là một số");
        At(issues, "reminders.daysBefore[1]", "số nguyên");
        At(issues, "reminders.timeOfDay", "HH:mm");
        At(issues, "reporters[0].email", "chuỗi văn bản");
    }

    [Fact]
    public void A_date_that_does_not_exist_is_reported_once_not_again_as_outside_the_year()
    {
        var issues = IssuesOf(json => Item(json, "periods", 0)["due"] = "2021-02-30");

        Single(issues, "periods[0].due", "ngày có thật");
    }

    [Fact]
    public void A_type_error_and_a_rule_broken_elsewhere_are_both_reported()
    {
        var issues = IssuesOf(json =>
        {
            Item(json, "periods", 0)["due"] = "10/06/2021";
            Item(json, "reporters", 1)["unitCode"] = "13451";
        });

        Assert.Equal(2, issues.Count);
        At(issues, "periods[0].due", "YYYY-MM-DD");
        At(issues, "reporters[1].unitCode", "Không có xã mã \"13451\"");
    }

    [Fact]
    public void Missing_required_values_are_each_reported()
    {
        var issues = IssuesOf(json =>
        {
            json.Remove("year");
            json.Remove("supervisor");
            Item(json, "periods", 0).Remove("due");
            Item(json, "targets", 0).Remove("value");
            json.Remove("title");
        });

        Assert.Equal(5, issues.Count);
        At(issues, "year", "Thiếu năm kế hoạch");
        At(issues, "supervisor", "Thiếu nơi nhận báo cáo");
        At(issues, "periods[0].due", "Thiếu hạn nộp");
        At(issues, "targets[0].value", "Thiếu giá trị");
        At(issues, "title", "không được để trống");
    }

    [Fact]
    public void Lists_and_objects_of_the_wrong_shape_are_one_issue_each()
    {
        var issues = IssuesOf(json =>
        {
            json["reporters"] = new JsonObject { ["id"] = "phong-y-te" };
            json["periods"]!.AsArray().Add(5);
            json["reminders"] = "mặc định";
        });

        Assert.Equal(3, issues.Count);
        At(issues, "reporters", "danh sách");
        At(issues, "periods[2]", "đối tượng");
        At(issues, "reminders", "đối tượng");
    }

    [Fact]
    public void No_message_is_System_Text_Json_English()
    {
        string[] inputs = ["{", "{\"id\": }", "nul", "{\"id\": \"a\" \"b\"}", new string('[', 100) + new string(']', 100)];

        foreach (var input in inputs)
        {
            var issue = Assert.Single(PlanDocument.Read(Encoding.UTF8.GetBytes(input)).Issues);
            Assert.DoesNotContain("invalid", issue.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("expected", issue.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("token", issue.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_serializer_options_write_and_read_plans_exactly_as_the_document_does()
    {
        var plan = TestPlans.ThanhLiem();

        var json = JsonSerializer.Serialize(plan, PlanDocument.SerializerOptions);
        var back = JsonSerializer.Deserialize<ReportingPlan>(json, PlanDocument.SerializerOptions)!;

        Assert.Equal(PlanDocument.ToJson(plan, indented: false), json);
        Assert.Equal(Canonical(plan), Canonical(back));
    }

    [Fact]
    public void The_serializer_options_refuse_an_invalid_plan_with_the_Vietnamese_issues()
    {
        var json = PlanDocument.ToJson(TestPlans.ThanhLiem()).Replace("\"351\"", "\"999\"", StringComparison.Ordinal);

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ReportingPlan>(json, PlanDocument.SerializerOptions));

        Assert.Contains("unitCode: Không có huyện mã \"999\"", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream that reads forward only, like a request body.</summary>
    private sealed class OneWayStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
