namespace GiamNgheo.Functions.Http.Description;

/// <summary>What an HTTP function does, in Vietnamese, for the API description (ADR 0013): the one place a route is described.</summary>
/// <param name="tag">The group it is listed under (Vietnamese).</param>
/// <param name="summary">One line, Vietnamese.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ApiOperationAttribute(string tag, string summary) : Attribute
{
    /// <summary>The group it is listed under.</summary>
    public string Tag { get; } = tag;

    /// <summary>One line, Vietnamese.</summary>
    public string Summary { get; } = summary;

    /// <summary>More detail where useful (Vietnamese, Markdown).</summary>
    public string? Description { get; init; }
}

/// <summary>A successful answer of an HTTP function.</summary>
/// <param name="status">The HTTP status (2xx or 3xx).</param>
/// <param name="description">What the answer holds (Vietnamese).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiResponseAttribute(int status, string description) : Attribute
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>What the answer holds.</summary>
    public string Description { get; } = description;

    /// <summary>The body's type when it has a declared one (its schema is generated); null for a body described in words.</summary>
    public Type? Type { get; init; }

    /// <summary>The body's media type; null for an answer without a body.</summary>
    public string? ContentType { get; init; } = ApiMediaTypes.Json;
}

/// <summary>Problem codes (<c>urn:giamngheo:problem:&lt;code&gt;</c>) an HTTP function answers beyond those every function of its kind
/// answers (<see cref="ApiConventions"/>); each code's status and title come from <see cref="ProblemTypes"/>.</summary>
/// <param name="codes">The codes.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiProblemsAttribute(params string[] codes) : Attribute
{
    /// <summary>The codes.</summary>
    public IReadOnlyList<string> Codes { get; } = codes;

    /// <summary>The status these codes are answered with here when it is not their usual one (0: the usual).</summary>
    public int Status { get; init; }
}

/// <summary>A query-string parameter an HTTP function reads.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="description">What it means (Vietnamese).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiQueryAttribute(string name, string description) : Attribute
{
    /// <summary>The parameter's name.</summary>
    public string Name { get; } = name;

    /// <summary>What it means.</summary>
    public string Description { get; } = description;

    /// <summary>Whether the function refuses a request without it.</summary>
    public bool Required { get; init; }

    /// <summary>A whole number rather than text.</summary>
    public bool Whole { get; init; }

    /// <summary>The values accepted, when they are a fixed list.</summary>
    public string[]? Values { get; init; }
}

/// <summary>A request body an HTTP function accepts; several when it accepts several media types.</summary>
/// <param name="contentType">The media type (<see cref="ApiMediaTypes"/>).</param>
/// <param name="description">What to send (Vietnamese).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiBodyAttribute(string contentType, string description) : Attribute
{
    /// <summary>The media type.</summary>
    public string ContentType { get; } = contentType;

    /// <summary>What to send.</summary>
    public string Description { get; } = description;

    /// <summary>Whether the body may be left out.</summary>
    public bool Optional { get; init; }
}

/// <summary>The media types the API speaks.</summary>
public static class ApiMediaTypes
{
    /// <summary>JSON bodies.</summary>
    public const string Json = "application/json";

    /// <summary>An upload: one file in the multipart field <c>file</c>.</summary>
    public const string Multipart = "multipart/form-data";

    /// <summary>An Excel workbook.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A zip archive.</summary>
    public const string Zip = "application/zip";

    /// <summary>RFC 9457 problem details.</summary>
    public const string Problem = "application/problem+json";
}
