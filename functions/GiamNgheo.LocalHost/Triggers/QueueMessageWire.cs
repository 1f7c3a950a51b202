namespace GiamNgheo.LocalHost.Triggers;

/// <summary>Queue bodies as the Functions host reads and writes them: base64 or raw per host.json <c>messageEncoding</c>.</summary>
internal static class QueueMessageWire
{
    public static BinaryData Encode(ReadOnlySpan<byte> payload, bool base64) =>
        base64 ? BinaryData.FromString(Convert.ToBase64String(payload)) : BinaryData.FromBytes(payload.ToArray());

    /// <summary>The payload, or null when host.json says base64 and the body is not.</summary>
    public static byte[]? Decode(BinaryData body, bool base64)
    {
        if (!base64)
            return body.ToArray();

        var wire = body.ToString();
        var decoded = new byte[(wire.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(wire, decoded, out var written) ? decoded[..written] : null;
    }
}
