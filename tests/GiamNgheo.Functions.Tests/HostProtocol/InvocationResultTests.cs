using System.Text;
using System.Text.Json;
using GiamNgheo.Functions.HostProtocol;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Tests.HostProtocol;

public sealed class InvocationResultTests
{
    [Fact]
    public async Task Completed_writes_outputs_logs_and_a_null_return_value_as_json()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await InvocationResult.Completed(["scored 12 households", "ghi chú: \"đã xong\""]).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body.ToArray());
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(["scored 12 households", "ghi chú: \"đã xong\""], json.RootElement.GetProperty("Logs").EnumerateArray().Select(line => line.GetString()));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task Completed_without_logs_writes_an_empty_array()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await InvocationResult.Completed([]).ExecuteAsync(context);

        Assert.Equal("""{"Outputs":{},"Logs":[],"ReturnValue":null}""", Encoding.UTF8.GetString(body.ToArray()));
    }
}
