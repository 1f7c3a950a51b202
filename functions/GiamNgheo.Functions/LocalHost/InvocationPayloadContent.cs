using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace GiamNgheo.Functions.LocalHost;

/// <summary>Request content written straight to the connection, so a large blob is never held as one base64 string.</summary>
internal sealed class InvocationPayloadContent : HttpContent
{
    private readonly Func<Utf8JsonWriter, CancellationToken, Task> _write;

    /// <summary>Creates the content with the host's content type.</summary>
    /// <param name="write">Writes the whole payload object; may flush the writer in between to bound memory.</param>
    public InvocationPayloadContent(Func<Utf8JsonWriter, CancellationToken, Task> write)
    {
        _write = write;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    /// <inheritdoc />
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(stream);
        await _write(writer, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
