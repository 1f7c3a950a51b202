using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GiamNgheo.Pipeline.Households;

namespace GiamNgheo.Pipeline.Exports;

/// <summary>One commune's households as extracted for a workbook build: gzip-compressed JSON lines, one household a line.</summary>
/// <remarks>The extract sits between two activities of a build (read the table, then write the sheet), so the assembly
/// streams it back without touching the table again and never holds more than one household in memory.</remarks>
public static class HouseholdExtract
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the households to <paramref name="output"/>; returns how many.</summary>
    public static async Task<long> WriteAsync(Stream output, IAsyncEnumerable<HouseholdRecord> households, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        await using var writer = new Utf8JsonWriter(gzip);
        await foreach (var household in households.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            JsonSerializer.Serialize(writer, household, Json);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            gzip.WriteByte((byte)'\n');
            writer.Reset();
            count++;
        }

        return count;
    }

    /// <summary>Reads the households back in the order they were written.</summary>
    public static async IAsyncEnumerable<HouseholdRecord> ReadAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
                yield return JsonSerializer.Deserialize<HouseholdRecord>(line, Json) ?? throw new InvalidDataException("Empty line in a household extract.");
        }
    }
}
