using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GiamNgheo.Functions.Tests.EndToEnd;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests.Triggers;

/// <summary>The trigger endpoints answer literal payloads written the way the Functions host writes them
/// (strings JSON-encoded twice, <c>byte[]</c> as base64, numbers as strings), with no local runner involved.</summary>
public sealed class TriggerContractTests : IClassFixture<TriggerContractTests.Handler>
{
    private readonly HandlerUnderTest _handler;

    public TriggerContractTests(Handler handler) => _handler = handler.Instance;

    [Fact]
    public async Task Blob_trigger_payload_with_base64_content_and_double_encoded_tokens_scores_the_file()
    {
        var commune = SurveyPipelineTests.CommunesOf("14")[0];
        var file = HandlerUnderTest.Survey(commune, 40, seed: 7);
        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        var payload = $$"""
        {
          "Data": { "survey": "{{Convert.ToBase64String(file)}}" },
          "Metadata": {
            "year": "\"2025\"",
            "communeCode": "\"{{commune}}\"",
            "name": "\"{{sha}}\"",
            "Uri": "\"http://127.0.0.1:10000/devstoreaccount1/surveys/2025/{{commune}}/{{sha}}\"",
            "Properties": { "Length": {{file.Length}}, "ContentType": "application/octet-stream", "ETag": "\"0x8DC\"" },
            "Metadata": { "filename": "khao-sat+xa.xlsx", "receivedat": "2025-09-02T01:02:03.0000000+00:00" },
            "sys": { "MethodName": "score-survey", "UtcNow": "2025-09-02T01:02:04Z", "RandGuid": "0f8fad5b-d9cb-469f-a165-70867728950e" }
          }
        }
        """;

        var first = await PostAsync("/score-survey", payload);
        Assert.Contains("Scored", string.Join(' ', first.GetProperty("Logs").EnumerateArray().Select(l => l.GetString())), StringComparison.Ordinal);
        var submission = await _handler.GetJsonAsync($"/api/submissions/2025-{commune}-{sha[..20]}");
        Assert.Equal("scored", submission.GetProperty("status").GetString());
        Assert.Equal("khao-sat xa.xlsx", submission.GetProperty("fileName").GetString());

        var again = await PostAsync("/score-survey", payload);
        Assert.Contains("AlreadyDone", string.Join(' ', again.GetProperty("Logs").EnumerateArray().Select(l => l.GetString())), StringComparison.Ordinal);
        Assert.Equal(1, (await _handler.GetJsonAsync($"/api/units/2025/{commune}/summary")).GetProperty("communesReported").GetInt32());
    }

    [Fact]
    public async Task Blob_whose_content_does_not_match_its_hash_name_is_ignored()
    {
        var commune = SurveyPipelineTests.CommunesOf("14")[1];
        var payload = $$"""
        { "Data": { "survey": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes("not the file"))}}" },
          "Metadata": { "year": "\"2025\"", "communeCode": "\"{{commune}}\"", "name": "\"{{new string('a', 64)}}\"" } }
        """;

        var result = await PostAsync("/score-survey", payload);

        Assert.Contains("Ignored", result.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_payload_with_double_encoded_message_and_string_dequeue_count_rescores_a_stored_file()
    {
        var commune = SurveyPipelineTests.CommunesOf("14")[2];
        var file = HandlerUnderTest.Survey(commune, 30, seed: 8);
        var key = new SubmissionKey(2025, commune, Convert.ToHexStringLower(SHA256.HashData(file)));
        var storage = _handler.Services.GetRequiredService<PipelineStorage>();
        await storage.Surveys.GetBlobClient(key.BlobName).UploadAsync(new BinaryData(file));
        var message = JsonSerializer.Serialize(RescoreMessage.For(key).ToJson());
        var payload = $$"""
        { "Data": { "message": {{JsonSerializer.Serialize(message)}} },
          "Metadata": { "DequeueCount": "1", "Id": "\"5c8e3f0b\"", "PopReceipt": "\"AgAAAAMAAAAAAAAA\"",
                        "InsertionTime": "2025-09-02T01:02:03+00:00", "ExpirationTime": "2025-09-09T01:02:03+00:00",
                        "NextVisibleTime": "2025-09-02T01:12:03+00:00",
                        "sys": { "MethodName": "rescore-survey", "UtcNow": "2025-09-02T01:02:04Z", "RandGuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7" } } }
        """;

        await PostAsync("/rescore-survey", payload);

        Assert.Equal("scored", (await _handler.GetJsonAsync($"/api/submissions/{key.Id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Queue_payload_in_the_docs_plain_style_is_accepted_and_a_malformed_message_is_dropped_not_retried()
    {
        var payload = """
        { "Data": { "message": "{ \"year\": 2025, \"provinceCode\": \"96\" }" }, "Metadata": { "DequeueCount": 1 } }
        """;
        var refreshed = await PostAsync("/refresh-summaries", payload);
        Assert.Contains("2025/96", refreshed.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);

        var malformed = """{ "Data": { "message": "\"not json\"" }, "Metadata": { "DequeueCount": "\"5\"" } }""";
        var dropped = await PostAsync("/refresh-summaries", malformed);
        Assert.Contains("dropped", dropped.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timer_payload_runs_the_sweep_with_and_without_schedule_status()
    {
        var withStatus = """
        { "Data": { "timer": { "Schedule": { "AdjustForDST": true },
                               "ScheduleStatus": { "Last": "2025-09-02T01:00:00+00:00", "Next": "2025-09-02T01:05:00+00:00", "LastUpdated": "2025-09-02T01:00:00+00:00" },
                               "IsPastDue": false } },
          "Metadata": { "sys": { "MethodName": "sweep-submissions", "UtcNow": "2025-09-02T01:05:00Z", "RandGuid": "e0b3a5a4-8c54-4b8e-a7a2-6b9c0e3d2f11" } } }
        """;
        var withoutStatus = """{ "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": null, "IsPastDue": true } }, "Metadata": {} }""";

        Assert.Contains("stalled", (await PostAsync("/sweep-submissions", withStatus)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("past due", (await PostAsync("/sweep-submissions", withoutStatus)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payload_missing_the_trigger_value_is_a_400_so_the_host_counts_a_failed_attempt()
    {
        using var response = await _handler.Client.PostAsync(new Uri("/score-survey", UriKind.Relative), new StringContent("""{ "Data": {}, "Metadata": {} }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JsonElement> PostAsync(string path, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await _handler.Client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The handler without the local runner: only these literal payloads reach the trigger endpoints.</summary>
    public sealed class Handler : IAsyncLifetime
    {
        public HandlerUnderTest Instance { get; private set; } = null!;

        public async Task InitializeAsync() => Instance = await HandlerUnderTest.StartAsync(localHost: false);

        public async Task DisposeAsync() => await Instance.DisposeAsync();
    }
}
