using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GiamNgheo.Functions.Http;

/// <summary>Reads the <c>file</c> field of a multipart upload as a stream, section by section, never buffering it whole.</summary>
internal static class MultipartUpload
{
    /// <summary>Hands the <c>file</c> field's stream and file name to <paramref name="handle"/>; a 415 or 400 problem when there is none.</summary>
    /// <param name="request">The request.</param>
    /// <param name="what">What the file should be, for the messages ("tệp .xlsx hoặc .zip các tệp CSV").</param>
    /// <param name="handle">Reads the file and answers.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<IResult> WithFileAsync(HttpRequest request, string what, Func<Stream, string?, Task<IResult>> handle, CancellationToken cancellationToken)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary) || mediaType?.MediaType.Value?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true)
            return Problems.Create("can-multipart", 415, "Sai kiểu dữ liệu tải lên", $"Hãy gửi tệp dưới dạng multipart/form-data, trường \"file\" ({what}).");

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data")
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            return await handle(section.Body, Path.GetFileName(fileName));
        }

        return Problems.Create("thieu-tep", 400, "Thiếu tệp", $"Yêu cầu không có trường \"file\" ({what}).");
    }
}
