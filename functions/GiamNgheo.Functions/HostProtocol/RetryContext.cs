using System.Text.Json;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary><c>Metadata.RetryContext</c>: sent by the host when a retry policy is active for the function.</summary>
/// <param name="RetryCount">Retries done so far (0 on the first attempt).</param>
/// <param name="MaxRetryCount">Retries the policy allows.</param>
/// <param name="ExceptionMessage">Message of the previous attempt's failure, when the host sends one.</param>
public sealed record RetryContext(int RetryCount, int MaxRetryCount, string? ExceptionMessage)
{
    internal static RetryContext FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected an object but found {JsonValues.Describe(element.ValueKind)}");

        return new RetryContext(Count(element, "RetryCount"), Count(element, "MaxRetryCount"), ExceptionMessageOf(element));
    }

    private static int Count(JsonElement element, string key)
    {
        if (!JsonValues.TryGetProperty(element, key, out var value) || JsonValues.Integer(value) is not { } count)
            return 0;

        return count is >= int.MinValue and <= int.MaxValue ? (int)count : throw new FormatException($"{key} {count} is out of range");
    }

    private static string? ExceptionMessageOf(JsonElement element)
    {
        if (!JsonValues.TryGetProperty(element, "Exception", out var exception))
            return null;

        // The host serializes the Exception object itself; its Message is the part worth keeping.
        if (exception.ValueKind == JsonValueKind.Object)
            return JsonValues.TryGetProperty(exception, "Message", out var message) ? JsonValues.ScalarText(message) : null;

        return exception.ValueKind == JsonValueKind.String ? JsonValues.UnwrapJsonString(exception.GetString()!) : null;
    }
}
