using System.Net;
using System.Text.Json;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The hostile corpus uploaded over HTTP on Azurite: a 4xx at once or a rejected submission with located Vietnamese errors, never a 500 or a failure.</summary>
/// <remarks>Uses province 46 alone, so its rejected submissions are seen by no other test.</remarks>
public sealed class HostileUploadTests : IClassFixture<AppFixture>
{
    private static readonly string Commune = SurveyPipelineTests.CommunesOf("46")[0];
    private static readonly IReadOnlyList<HostileCase> Corpus = HostileSurveys.For("46", Commune);
    private readonly AppUnderTest _app;

    public HostileUploadTests(AppFixture app) => _app = app.Instance;

    public static TheoryData<string> Cases() => [.. Corpus.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_upload_is_refused_with_located_Vietnamese_errors(string name)
    {
        var hostile = Corpus.Single(c => c.Name == name);

        using var response = await _app.UploadAsync(2025, Commune, hostile.Build(), hostile.FileName);
        var body = await response.Content.ReadAsStringAsync();

        JsonElement errors;
        if (hostile.Stage == RefusedAt.Upload)
        {
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            errors = problem.GetProperty("errors");
            AssertClean(problem.GetProperty("detail").GetString()!);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
            var id = JsonDocument.Parse(body).RootElement.GetProperty("submissionId").GetString()!;
            var submission = await _app.WaitFinalAsync(id);
            Assert.Equal("rejected", submission.GetProperty("status").GetString());
            AssertClean(submission.GetProperty("reason").GetString()!);
            errors = submission.GetProperty("errors");
        }

        var first = errors.EnumerateArray().First();
        AssertClean(first.GetProperty("message").GetString()!);
        // Absent places are left out of the JSON.
        Assert.Equal(hostile.Sheet, first.TryGetProperty("sheet", out var sheet) ? sheet.GetString() : null);
        if (hostile.Row is { } row)
            Assert.Equal(row, first.GetProperty("row").GetInt32());
        if (hostile.Column is { } column)
            Assert.Equal(column, first.GetProperty("column").GetString());
    }

    private static void AssertClean(string message)
    {
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", message, StringComparison.Ordinal);
        Assert.DoesNotContain("upload-", message, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestId", message, StringComparison.OrdinalIgnoreCase);
    }
}
