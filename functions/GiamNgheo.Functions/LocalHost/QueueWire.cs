using GiamNgheo.Functions.HostProtocol;

namespace GiamNgheo.Functions.LocalHost;

/// <summary>
/// host.json <c>messageEncoding</c> applied by the runner itself, as the host does; the <see cref="Azure.Storage.Queues.QueueServiceClient"/>
/// given to the runner must therefore leave message bodies alone (<c>QueueMessageEncoding.None</c>, the SDK default).
/// </summary>
internal static class QueueWire
{
    /// <summary>The message body to send for <paramref name="payload"/>.</summary>
    public static BinaryData Encode(ReadOnlySpan<byte> payload, QueueMessageWireEncoding encoding) =>
        encoding == QueueMessageWireEncoding.Base64 ? BinaryData.FromString(Convert.ToBase64String(payload)) : BinaryData.FromBytes(payload.ToArray());

    /// <summary>The payload of a received message body, or <see langword="null"/> when base64 was expected and the body is not base64.</summary>
    public static byte[]? Decode(BinaryData body, QueueMessageWireEncoding encoding)
    {
        if (encoding == QueueMessageWireEncoding.None)
            return body.ToArray();

        var wire = body.ToString();
        var decoded = new byte[(wire.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(wire, decoded, out var written) ? decoded[..written] : null;
    }
}
