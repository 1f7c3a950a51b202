using Microsoft.AspNetCore.Http;
using GiamNgheo.Pipeline.Submissions;

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
}
