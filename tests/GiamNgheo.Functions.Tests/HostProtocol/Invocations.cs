using System.Text;
using GiamNgheo.Functions.HostProtocol;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Tests.HostProtocol;

/// <summary>Feeds a request body to <see cref="InvocationRequest"/> the way ASP.NET Core hands it to an endpoint.</summary>
internal static class Invocations
{
    public static Task<InvocationRequest> ReadAsync(string json, string? invocationId = null) =>
        ReadAsync(Encoding.UTF8.GetBytes(json), invocationId);

    public static Task<InvocationRequest> ReadAsync(byte[] body, string? invocationId = null) =>
        ReadAsync(new MemoryStream(body, writable: false), invocationId);

    public static Task<InvocationRequest> ReadAsync(Stream body, string? invocationId = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json; charset=utf-8";
        context.Request.Body = body;
        if (invocationId is not null)
            context.Request.Headers[InvocationRequest.InvocationIdHeader] = invocationId;

        return InvocationRequest.ReadAsync(context.Request, CancellationToken.None);
    }
}
