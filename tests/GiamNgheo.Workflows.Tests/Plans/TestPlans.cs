using System.Text;
using System.Text.Json.Nodes;
using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Tests.Plans;

/// <summary>A small valid plan (Thanh Liêm 2021) to start from, and helpers that edit its JSON and read it back.</summary>
internal static class TestPlans
{
    public static ReportingPlan ThanhLiem() => new(
        "thanh-liem-2021",
        "Kế hoạch triển khai thực hiện Chương trình mục tiêu Quốc gia giảm nghèo bền vững năm 2021",
        2021,
        "351",
        new PlanContact("phong-ldtbxh", "Phòng Lao động - Thương binh và Xã hội", "ldtbxh@thanhliem.example"),
        [
            new PlanReporter("phong-y-te", "Phòng Y tế", "yte@thanhliem.example"),
            new PlanReporter("xa-13450", "UBND xã Liêm Phong", "liemphong@thanhliem.example", "13450"),
        ],
        [
            new PlanPeriod("6-thang", "06 tháng", new DateOnly(2021, 6, 10)),
            new PlanPeriod("nam", "Năm", new DateOnly(2021, 11, 15)),
        ],
        ReminderPolicy.Default,
        [new PlanTarget("ty-le-ho-ngheo", "Tỷ lệ hộ nghèo cuối năm còn 1,49%", "ty-le-ho-ngheo", 1.49m, "%")],
        "Thực hiện Kế hoạch số 557/KH-UBND ngày 11/3/2021 của UBND tỉnh Hà Nam");

    /// <summary>The valid plan's JSON as a tree to edit.</summary>
    public static JsonObject Json() => JsonNode.Parse(PlanDocument.ToJson(ThanhLiem()))!.AsObject();

    /// <summary>Reads the valid plan's JSON after <paramref name="edit"/>.</summary>
    public static PlanReadResult ReadEdited(Action<JsonObject> edit)
    {
        var json = Json();
        edit(json);
        return PlanDocument.Read(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    /// <summary>The issues after <paramref name="edit"/>; fails when the edited plan is valid.</summary>
    public static IReadOnlyList<PlanIssue> IssuesOf(Action<JsonObject> edit)
    {
        var result = ReadEdited(edit);
        Assert.False(result.IsValid, "The edited plan should be refused.");
        Assert.Null(result.Plan);
        return result.Issues;
    }

    /// <summary>Asserts that the edited plan is valid and returns it.</summary>
    public static ReportingPlan Valid(Action<JsonObject> edit)
    {
        var result = ReadEdited(edit);
        Assert.True(result.IsValid, "Unexpected issues: " + string.Join(" | ", result.Issues));
        return result.Plan;
    }

    /// <summary>Asserts exactly one issue, at <paramref name="location"/>, whose message contains <paramref name="text"/>.</summary>
    public static PlanIssue Single(IReadOnlyList<PlanIssue> issues, string location, string text)
    {
        var issue = Assert.Single(issues);
        Assert.Equal(location, issue.Location);
        Assert.Contains(text, issue.Message, StringComparison.Ordinal);
        return issue;
    }

    /// <summary>Asserts one issue at <paramref name="location"/> among others, whose message contains <paramref name="text"/>.</summary>
    public static PlanIssue At(IReadOnlyList<PlanIssue> issues, string location, string text)
    {
        var issue = Assert.Single(issues, i => i.Location == location);
        Assert.Contains(text, issue.Message, StringComparison.Ordinal);
        return issue;
    }

    /// <summary>The canonical JSON of a plan: the way tests compare plans, since the record's lists compare by reference.</summary>
    public static string Canonical(ReportingPlan plan) => PlanDocument.ToJson(plan);

    public static JsonArray Array(JsonObject json, string name) => json[name]!.AsArray();

    public static JsonObject Item(JsonObject json, string name, int index) => json[name]![index]!.AsObject();
}
