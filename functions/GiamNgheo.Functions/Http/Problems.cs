using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Standards;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GiamNgheo.Functions.Http;

/// <summary>RFC 9457 problem responses with a stable type code and Vietnamese title and detail.</summary>
public static class Problems
{
    /// <summary>Prefix of every problem type; the code after it never changes meaning.</summary>
    public const string TypePrefix = "urn:giamngheo:problem:";

    /// <summary>A problem response.</summary>
    public static IResult Create(string code, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = TypePrefix + code,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
                body[key] = value;
        }

        return Results.Json(body, statusCode: status, contentType: "application/problem+json; charset=utf-8");
    }

    /// <summary>The problem for a refused upload, carrying the row-level issues and the submission it was recorded as.</summary>
    public static IResult From(IntakeRejection rejection, Submission? submission) => Create(
        rejection.Code,
        rejection.Kind switch
        {
            IntakeRefusal.UnsupportedYear or IntakeRefusal.Empty => StatusCodes.Status400BadRequest,
            IntakeRefusal.UnknownCommune => StatusCodes.Status404NotFound,
            IntakeRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
            IntakeRefusal.Locked => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        },
        rejection.Title,
        rejection.Detail,
        new Dictionary<string, object?>
        {
            ["submissionId"] = submission?.Key.Id,
            ["errors"] = rejection.Issues,
        });

    /// <summary>400: a request parameter is malformed.</summary>
    public static IResult BadRequest(string detail) => Create("yeu-cau-khong-hop-le", 400, "Yêu cầu không hợp lệ", detail);

    /// <summary>500: the app failed; nothing the caller sent is lost and trying again later is safe.</summary>
    public static IResult ServerError() =>
        Create("loi-he-thong", 500, "Lỗi hệ thống", "Hệ thống gặp lỗi khi xử lý yêu cầu; dữ liệu đã nhận không bị mất. Hãy thử lại sau ít phút.");

    /// <summary>404: nothing with this identifier.</summary>
    public static IResult NotFound(string detail) => Create("khong-tim-thay", 404, "Không tìm thấy", detail);

    /// <summary>400: no poverty standard covers the year, so there is nothing to upload, read or export for it.</summary>
    public static IResult UnsupportedYear(int year, StandardCatalog standards)
    {
        var years = standards.NationalYears().ToList();
        return Create("nam-khong-ho-tro", 400, "Năm rà soát chưa được hỗ trợ", $"Chưa có chuẩn nghèo cho năm {year}; hệ thống hỗ trợ các năm {years.Min()}–{years.Max()}.");
    }

    /// <summary>The answer to a request the server refused while the function read its body: 413 for a body over the
    /// limit, 408 for one arriving slower than <see cref="RequestLimits.MinRequestBodyDataRate"/>, 400 for a malformed one;
    /// null for any other failure, which is the app's own (500).</summary>
    /// <remarks>Kestrel raises these in the worker and in the local host alike, from inside the function's read of the body.</remarks>
    public static IResult? ForRefusedRequest(Exception exception, HttpContext? context) => exception is BadHttpRequestException refused
        ? refused.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => Create("tep-qua-lon", 413, "Tệp quá lớn", TooLargeDetail(context)),
            StatusCodes.Status408RequestTimeout => Create("gui-qua-cham", 408, "Gửi dữ liệu quá chậm",
                "Máy chủ nhận dữ liệu quá chậm nên đã dừng nhận. Hãy kiểm tra kết nối mạng rồi gửi lại; nếu mạng yếu, hãy gửi khi mạng ổn định hơn hoặc nén tệp nhỏ lại."),
            _ => BadRequest("Nội dung yêu cầu không đúng định dạng HTTP; hãy gửi lại."),
        }
        : null;

    private static string TooLargeDetail(HttpContext? context) =>
        context?.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"Dữ liệu gửi lên vượt quá giới hạn {limit / (1024 * 1024)} MB của một lần gửi; hãy chia nhỏ tệp (tệp khảo sát: nén các tệp CSV thành zip) rồi gửi lại."
            : "Dữ liệu gửi lên vượt quá giới hạn của một lần gửi; hãy chia nhỏ tệp rồi gửi lại.";
}
