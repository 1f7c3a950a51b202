using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using GiamNgheo.Functions.HostProtocol;

namespace GiamNgheo.Functions.Tests.HostProtocol;

/// <summary>
/// Literal payloads as the Functions host writes them (Newtonsoft <c>SerializeObject</c> on every value: strings encoded twice,
/// numbers as strings, <c>byte[]</c> as base64, POCOs as objects), and as the docs show them (plain values).
/// </summary>
public sealed class InvocationRequestContractTests
{
    private const string BlobPayload = """
        {
          "Data": { "survey": "UEsDBBQAAAAIAA==" },
          "Metadata": {
            "year": "\"2025\"",
            "communeCode": "\"00004\"",
            "name": "\"a1b2c3\"",
            "Uri": "\"http://127.0.0.1:10000/devstoreaccount1/surveys/2025/00004/a1b2c3\"",
            "Properties": {
              "BlobType": "BlockBlob", "ContentLength": 10, "Length": 10, "ContentType": "application/octet-stream",
              "ETag": "\"0x8DC1\"", "LastModified": "2025-09-02T01:02:03+00:00", "CreatedOn": "2025-09-02T01:02:03+00:00"
            },
            "Metadata": { "filename": "khao-sat.xlsx" },
            "sys": { "MethodName": "score-survey", "UtcNow": "2025-09-02T01:02:04.1234567Z", "RandGuid": "0f8fad5b-d9cb-469f-a165-70867728950e" }
          }
        }
        """;

    private const string QueuePayload = """
        {
          "Data": { "message": "\"{\\\"submissionId\\\":\\\"2025-00004-abc\\\"}\"" },
          "Metadata": {
            "DequeueCount": "1",
            "ExpirationTime": "2025-09-09T01:02:03+00:00",
            "Id": "\"5b8f4c2e-0000-4000-8000-000000000001\"",
            "InsertionTime": "2025-09-02T01:02:03+00:00",
            "NextVisibleTime": "2025-09-02T01:12:03+00:00",
            "PopReceipt": "\"AgAAAAMAAAAAAAAA\"",
            "sys": { "MethodName": "rescore-survey", "UtcNow": "2025-09-02T01:02:04Z", "RandGuid": "9d2f1a37-2f4e-4a4e-9d3c-2b1f7a0c5e11" }
          }
        }
        """;

    private const string DocsQueuePayload = """
        {
          "Data": { "myQueueItem": "{ message: \"hello\" }" },
          "Metadata": {
            "DequeueCount": 1,
            "ExpirationTime": "2019-10-16T17:58:31+00:00",
            "Id": "fe7d6e6e-42a4-4dcf-9d1c-5a7f07d3d8a2",
            "InsertionTime": "2019-10-09T17:58:31+00:00",
            "NextVisibleTime": "2019-10-09T18:08:32+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
            "sys": { "MethodName": "QueueTrigger", "UtcNow": "2019-10-09T17:58:32.2205399Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" }
          }
        }
        """;

    private const string TimerPayload = """
        {
          "Data": {
            "timer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": { "Last": "2025-09-02T00:55:00.0038754+00:00", "Next": "2025-09-02T01:00:00+00:00", "LastUpdated": "2025-09-02T00:55:00.0038754+00:00" },
              "IsPastDue": false
            }
          },
          "Metadata": { "sys": { "MethodName": "sweep-submissions", "UtcNow": "2025-09-02T01:00:00.0123Z", "RandGuid": "1c7b9a52-7f0e-4a0b-9d0e-3f6b2f8d9a10" } }
        }
        """;

    [Fact]
    public async Task Blob_payload_gives_the_bytes_from_base64_and_the_path_tokens_decoded_once_more()
    {
        using var invocation = await Invocations.ReadAsync(BlobPayload, invocationId: "8f5a7a54-1a36-4d6e-9cbb-2f3c0d9e7f01");

        Assert.Equal(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00 }, invocation.RequiredDataBytes("survey"));
        Assert.Equal("2025", invocation.RequiredMetadataString("year"));
        Assert.Equal("00004", invocation.RequiredMetadataString("communeCode"));
        Assert.Equal("a1b2c3", invocation.RequiredMetadataString("name"));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/surveys/2025/00004/a1b2c3", invocation.MetadataString("Uri"));
        Assert.Equal(10, invocation.MetadataObject("Properties")!.Value.GetProperty("Length").GetInt32());
        Assert.Equal("khao-sat.xlsx", invocation.MetadataObject("Metadata")!.Value.GetProperty("filename").GetString());
        Assert.Equal("score-survey", invocation.MetadataObject("sys")!.Value.GetProperty("MethodName").GetString());
        Assert.Equal("8f5a7a54-1a36-4d6e-9cbb-2f3c0d9e7f01", invocation.InvocationId);
        Assert.Null(invocation.Retry);
    }

    [Fact]
    public async Task Queue_message_encoded_twice_is_decoded_once_more()
    {
        using var invocation = await Invocations.ReadAsync(QueuePayload);

        Assert.Equal("""{"submissionId":"2025-00004-abc"}""", invocation.RequiredDataString("message"));
        Assert.Equal("5b8f4c2e-0000-4000-8000-000000000001", invocation.MetadataString("Id"));
        Assert.Equal("AgAAAAMAAAAAAAAA", invocation.MetadataString("PopReceipt"));
        Assert.Equal(new DateTimeOffset(2025, 9, 2, 1, 2, 3, TimeSpan.Zero), invocation.MetadataDate("InsertionTime"));
        Assert.Equal(new DateTimeOffset(2025, 9, 9, 1, 2, 3, TimeSpan.Zero), invocation.MetadataDate("ExpirationTime"));
    }

    [Fact]
    public async Task Dequeue_count_written_as_a_json_string_is_read_as_a_number()
    {
        using var invocation = await Invocations.ReadAsync(QueuePayload);

        Assert.Equal(1, invocation.RequiredMetadataInteger("DequeueCount"));
    }

    [Fact]
    public async Task Dequeue_count_encoded_twice_is_read_as_a_number()
    {
        using var invocation = await Invocations.ReadAsync("""{ "Data": {}, "Metadata": { "DequeueCount": "\"3\"" } }""");

        Assert.Equal(3, invocation.MetadataInteger("DequeueCount"));
    }

    [Fact]
    public async Task Docs_style_plain_dequeue_count_is_accepted()
    {
        using var invocation = await Invocations.ReadAsync(DocsQueuePayload);

        Assert.Equal(1, invocation.MetadataInteger("DequeueCount"));
    }

    [Fact]
    public async Task Docs_style_plain_strings_are_returned_as_sent()
    {
        using var invocation = await Invocations.ReadAsync(DocsQueuePayload);

        Assert.Equal("{ message: \"hello\" }", invocation.DataString("myQueueItem"));
        Assert.Equal("fe7d6e6e-42a4-4dcf-9d1c-5a7f07d3d8a2", invocation.MetadataString("Id"));
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", invocation.MetadataString("PopReceipt"));
        Assert.Equal(new DateTimeOffset(2019, 10, 9, 18, 8, 32, TimeSpan.Zero), invocation.MetadataDate("NextVisibleTime"));
    }

    [Fact]
    public async Task Plain_text_that_merely_starts_and_ends_with_a_quote_is_kept()
    {
        using var invocation = await Invocations.ReadAsync("""{ "Data": { "message": "\"a\" and \"b\"" } }""");

        Assert.Equal("\"a\" and \"b\"", invocation.DataString("message"));
    }

    [Fact]
    public async Task Base64_that_is_json_quoted_once_more_is_accepted()
    {
        using var invocation = await Invocations.ReadAsync("""{ "Data": { "survey": "\"UEsDBBQAAAAIAA==\"" } }""");

        Assert.Equal(10, invocation.RequiredDataBytes("survey").Length);
    }

    [Fact]
    public async Task Data_and_metadata_keys_are_matched_ignoring_case()
    {
        using var invocation = await Invocations.ReadAsync("""{ "data": { "Message": "\"hi\"" }, "metadata": { "dequeuecount": "2" } }""");

        Assert.Equal("hi", invocation.DataString("message"));
        Assert.Equal(2, invocation.MetadataInteger("DequeueCount"));
    }

    [Fact]
    public async Task Timer_with_schedule_status_is_read_as_the_host_serializes_timer_info()
    {
        using var invocation = await Invocations.ReadAsync(TimerPayload);

        var timer = invocation.DataTimer("timer")!;
        Assert.True(timer.Schedule.AdjustForDST);
        Assert.False(timer.IsPastDue);
        Assert.Equal(new DateTimeOffset(2025, 9, 2, 1, 0, 0, TimeSpan.Zero), timer.ScheduleStatus!.Next);
        Assert.Equal(new DateTimeOffset(2025, 9, 2, 0, 55, 0, TimeSpan.Zero), timer.ScheduleStatus.Last.AddTicks(-38754));
        Assert.Equal(JsonValueKind.Object, invocation.DataObject("timer")!.Value.ValueKind);
    }

    [Fact]
    public async Task Timer_without_schedule_monitoring_has_a_null_status()
    {
        using var invocation = await Invocations.ReadAsync("""
            { "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": null, "IsPastDue": true } },
              "Metadata": { "sys": { "MethodName": "sweep-submissions", "UtcNow": "2025-09-02T01:00:00Z", "RandGuid": "1c7b9a52-7f0e-4a0b-9d0e-3f6b2f8d9a10" } } }
            """);

        var timer = invocation.DataTimer("timer")!;
        Assert.Null(timer.ScheduleStatus);
        Assert.True(timer.IsPastDue);
    }

    [Fact]
    public async Task First_monitored_run_has_the_hosts_minimum_date_as_last()
    {
        using var invocation = await Invocations.ReadAsync("""
            { "Data": { "timer": { "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": { "Last": "0001-01-01T00:00:00", "Next": "2025-09-02T01:00:00+00:00", "LastUpdated": "0001-01-01T00:00:00" }, "IsPastDue": false } } }
            """);

        Assert.Equal(DateTimeOffset.MinValue, invocation.DataTimer("timer")!.ScheduleStatus!.Last);
    }

    [Fact]
    public async Task Retry_context_gives_counts_and_the_previous_failure()
    {
        using var invocation = await Invocations.ReadAsync("""
            { "Data": { "message": "\"x\"" },
              "Metadata": { "RetryContext": { "RetryCount": 2, "MaxRetryCount": 5,
                "Exception": { "ClassName": "System.Exception", "Message": "Exception while executing function: Functions.rescore-survey" } } } }
            """);

        Assert.Equal(new RetryContext(2, 5, "Exception while executing function: Functions.rescore-survey"), invocation.Retry);
    }

    [Fact]
    public async Task Missing_values_read_as_null_and_required_ones_name_what_is_missing()
    {
        using var invocation = await Invocations.ReadAsync("""{ "Data": { "survey": null }, "Metadata": {} }""");

        Assert.Null(invocation.DataBytes("survey"));
        Assert.Null(invocation.MetadataString("year"));
        Assert.Null(invocation.InvocationId);
        var error = Assert.Throws<InvocationPayloadException>(() => invocation.RequiredMetadataString("year"));
        Assert.Equal("Metadata.year is missing from the invocation payload.", error.Message);
    }

    [Fact]
    public async Task Text_where_bytes_are_expected_is_reported_with_the_binding_hint()
    {
        using var invocation = await Invocations.ReadAsync("""{ "Data": { "survey": "\"not base64 at all\"" } }""");

        var error = Assert.Throws<InvocationPayloadException>(() => invocation.DataBytes("survey"));
        Assert.Contains("dataType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_numeric_dequeue_count_is_malformed()
    {
        using var invocation = await Invocations.ReadAsync("""{ "Metadata": { "DequeueCount": "\"one\"" } }""");

        var error = Assert.Throws<InvocationPayloadException>(() => invocation.MetadataInteger("DequeueCount"));
        Assert.StartsWith("Metadata.DequeueCount", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{ "Data": "survey" }""")]
    [InlineData("""{ "Metadata": { "RetryContext": 3 } }""")]
    public async Task Body_of_the_wrong_shape_is_rejected_as_a_payload_error(string body)
    {
        await Assert.ThrowsAsync<InvocationPayloadException>(() => Invocations.ReadAsync(body));
    }

    [Fact]
    public async Task Forty_megabyte_blob_is_read_from_the_stream()
    {
        var content = new byte[40 << 20];
        new Random(7).NextBytes(content);
        var prefix = Encoding.UTF8.GetBytes("{\"Data\":{\"survey\":\"");
        var suffix = Encoding.UTF8.GetBytes("\"},\"Metadata\":{\"name\":\"\\\"big\\\"\"}}");
        var body = new byte[prefix.Length + Base64.GetMaxEncodedToUtf8Length(content.Length) + suffix.Length];
        prefix.CopyTo(body, 0);
        Base64.EncodeToUtf8(content, body.AsSpan(prefix.Length), out _, out var written);
        suffix.CopyTo(body, prefix.Length + written);

        using var invocation = await Invocations.ReadAsync(body);

        Assert.True(content.AsSpan().SequenceEqual(invocation.RequiredDataBytes("survey")));
        Assert.Equal("big", invocation.MetadataString("name"));
    }
}
