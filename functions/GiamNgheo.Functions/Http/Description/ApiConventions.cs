using System.Reflection;
using System.Text.RegularExpressions;
using GiamNgheo.Functions.Http.Security;

namespace GiamNgheo.Functions.Http.Description;

/// <summary>One response of an operation: a status with its description, body, and the problem codes it carries.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Description">What it means (Vietnamese).</param>
/// <param name="Type">The body's declared type, if any.</param>
/// <param name="ContentType">The body's media type, if it has a body.</param>
/// <param name="Problems">The problems answered with this status (empty for a success).</param>
public sealed record ApiResponseDescription(int Status, string Description, Type? Type, string? ContentType, IReadOnlyList<ProblemType> Problems);

/// <summary>An HTTP function as the API description shows it: its attributes plus what every function of its kind answers.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Operation">Tag, summary, description.</param>
/// <param name="RouteParameters">Each route parameter with its Vietnamese description and whether it is a whole number (<c>:int</c>).</param>
/// <param name="Query">Query-string parameters.</param>
/// <param name="Bodies">Accepted request bodies.</param>
/// <param name="Responses">Successes and problems, by status.</param>
/// <param name="Anonymous">Whether it is served without signing in.</param>
public sealed record FunctionApiDescription(
    string Name,
    ApiOperationAttribute Operation,
    IReadOnlyList<(string Name, string Description, bool Whole)> RouteParameters,
    IReadOnlyList<ApiQueryAttribute> Query,
    IReadOnlyList<ApiBodyAttribute> Bodies,
    IReadOnlyList<ApiResponseDescription> Responses,
    bool Anonymous);

/// <summary>Turns an HTTP function's attributes into its description, adding the problems every function of its kind answers, so
/// a function declares only what is its own (ADR 0013). Fails on a function left undescribed, so the host refuses to start.</summary>
public static partial class ApiConventions
{
    /// <summary>Route parameters mean the same on every route; described once.</summary>
    public static IReadOnlyDictionary<string, string> RouteParameterDescriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["year"] = "Năm rà soát (năm có chuẩn nghèo, hiện nay 2022–2030).",
        ["communeCode"] = "Mã xã (5 chữ số) theo danh mục hành chính ngày 01/09 của năm rà soát.",
        ["provinceCode"] = "Mã tỉnh (2 chữ số) theo danh mục hành chính ngày 01/09 của năm rà soát.",
        ["unitCode"] = "Mã đơn vị: tỉnh (2 chữ số), huyện (3 chữ số, các năm trước 2025) hoặc xã (5 chữ số).",
        ["submissionId"] = "Mã lần nộp, trả về khi tải phiếu lên (năm-mã xã-mã băm).",
        ["report"] = "Tên báo cáo: mpi, thieu-hut, bien-dong, nhom-dac-thu, lao-dong hoặc chi-tieu.",
        ["buildId"] = "Mã bản dựng tệp trích xuất, trả về trong statusUrl.",
        ["planId"] = "Mã kế hoạch báo cáo.",
        ["periodId"] = "Mã kỳ báo cáo trong kế hoạch.",
        ["reporterId"] = "Mã đơn vị báo cáo trong kế hoạch.",
        ["step"] = "Bước rà soát: danh-sach, hop-dan, niem-yet, phuc-tra, quyet-dinh hoặc mo-lai.",
        ["path"] = "Đường dẫn tệp của ứng dụng web (trống: trang đầu index.html).",
    };

    private static readonly string[] SignInProblems = ["chua-dang-nhap", "ma-truy-cap-khong-hop-le", "khong-co-quyen"];

    private static readonly string[] UploadProblems = ["can-multipart", "thieu-tep", "tai-len-khong-tron-ven", "tep-qua-lon", "gui-qua-cham"];

    /// <summary>The description of the HTTP function <paramref name="name"/> declared by <paramref name="method"/> on <paramref name="route"/>.</summary>
    public static FunctionApiDescription Describe(string name, MethodInfo method, string route)
    {
        var operation = method.GetCustomAttribute<ApiOperationAttribute>()
            ?? throw new InvalidOperationException($"HTTP function '{name}' has no [ApiOperation]: every route is described where it is declared (ADR 0013).");
        var successes = method.GetCustomAttributes<ApiResponseAttribute>().ToList();
        if (successes.Count == 0)
            throw new InvalidOperationException($"HTTP function '{name}' declares no [ApiResponse].");
        var routeParameters = RouteParameter().Matches(route)
            .Select(m => (m.Groups[1].Value, RouteParameterDescriptions.TryGetValue(m.Groups[1].Value, out var text) ? text
                : throw new InvalidOperationException($"Route parameter '{m.Groups[1].Value}' of '{name}' is not described in {nameof(ApiConventions)}.{nameof(RouteParameterDescriptions)}."),
                m.Groups[2].Value == ":int"))
            .ToList();
        var bodies = method.GetCustomAttributes<ApiBodyAttribute>().ToList();
        var anonymous = RequestAuthenticator.AnonymousFunctions.Contains(name);

        var problems = new List<(ProblemType Problem, int Status)>();
        void Add(IEnumerable<string> codes, int status = 0) =>
            problems.AddRange(codes.Select(ProblemTypes.Of).Select(p => (p, status == 0 ? p.Status : status)));
        if (!anonymous)
            Add(SignInProblems);
        if (routeParameters.Any(p => p.Item1 == "year"))
            Add(["nam-khong-ho-tro"]);
        if (bodies.Any(b => b.ContentType == ApiMediaTypes.Multipart))
            Add(UploadProblems);
        foreach (var declared in method.GetCustomAttributes<ApiProblemsAttribute>())
            Add(declared.Codes, declared.Status);
        Add(["loi-he-thong"]);

        var responses = successes.Select(s => new ApiResponseDescription(s.Status, s.Description, s.Type, s.ContentType, []))
            .Concat(problems.DistinctBy(p => (p.Problem.Code, p.Status)).GroupBy(p => p.Status).Select(g => new ApiResponseDescription(
                g.Key, string.Join("; ", g.Select(p => p.Problem.Title)), null, ApiMediaTypes.Problem, [.. g.Select(p => p.Problem)])))
            .OrderBy(r => r.Status)
            .ToList();
        return new FunctionApiDescription(name, operation, routeParameters, [.. method.GetCustomAttributes<ApiQueryAttribute>()], bodies, responses, anonymous);
    }

    [GeneratedRegex(@"\{\*?([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteParameter();
}
