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
        while (true)
        {
            MultipartSection? section;
            try
            {
                section = await reader.ReadNextSectionAsync(cancellationToken);
            }
            catch (Exception ex) when (IsMalformed(ex))
            {
                return Malformed(what);
            }

            if (section is null)
                break;
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data")
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            try
            {
                return await handle(new SectionStream(section.Body), Path.GetFileName(fileName));
            }
            catch (MalformedUploadException)
            {
                return Malformed(what);
            }
        }

        return Problems.Create("thieu-tep", 400, "Thiếu tệp", $"Yêu cầu không có trường \"file\" ({what}).");
    }

    private static IResult Malformed(string what) => Problems.Create("tai-len-khong-tron-ven", 400, "Dữ liệu tải lên không trọn vẹn",
        $"Nội dung multipart/form-data bị cắt ngang hoặc sai định dạng (thiếu ranh giới kết thúc, phần đầu quá dài); hãy tải lại {what}.");

    // What the multipart reader throws for a body that breaks off or breaks its format. Kestrel's refusals (413, 408) are
    // IOExceptions too, but they are answered as such by the problem mapping, so they pass.
    private static bool IsMalformed(Exception exception) =>
        exception is InvalidDataException || (exception is IOException && exception is not BadHttpRequestException);

    /// <summary>Raised through the file's reader (the intake) when the multipart body turns out malformed mid-file, so it
    /// cannot be mistaken for a failure of the code that reads the file.</summary>
    private sealed class MalformedUploadException(Exception inner) : Exception("The multipart body is malformed.", inner);

    /// <summary>The file section's body, with the multipart reader's format errors marked as <see cref="MalformedUploadException"/>.</summary>
    private sealed class SectionStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (Exception ex) when (IsMalformed(ex))
            {
                throw new MalformedUploadException(ex);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception ex) when (IsMalformed(ex))
            {
                throw new MalformedUploadException(ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
