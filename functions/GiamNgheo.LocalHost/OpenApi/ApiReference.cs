using System.Text.Json.Nodes;
using GiamNgheo.Functions.Http;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace GiamNgheo.LocalHost.OpenApi;

/// <summary>The API description generated from the functions' attributes (ADR 0013): the OpenAPI 3.1 document at
/// <see cref="DocumentPath"/> and its Scalar reference page at <see cref="PagePath"/>, both anonymous and local only.</summary>
public static class ApiReference
{
    /// <summary>Where the generated document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the reference page is served.</summary>
    public const string PagePath = "/api-docs";

    private const string DocumentName = "v1";
    private const string BearerScheme = "bearer";
    private const string ProblemSchema = "Problem";

    /// <summary>Registers the generator with the document and operation transformers.</summary>
    public static IServiceCollection AddApiReference(this IServiceCollection services) => services.AddOpenApi(DocumentName, options =>
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        // Only the app's functions are its API; the host's own endpoints (this description, a web app) are not.
        options.ShouldInclude = api => api.ActionDescriptor.EndpointMetadata.OfType<FunctionApiDescription>().Any();
        options.AddDocumentTransformer((document, _, _) =>
        {
            DescribeDocument(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<FunctionApiDescription>().FirstOrDefault() is { } function)
                DescribeOperation(operation, function, context.Document!);
            return Task.CompletedTask;
        });
    });

    /// <summary>The endpoint metadata of an HTTP function: summary, tags and successes, read by the generator.</summary>
    public static TBuilder WithApiDescription<TBuilder>(this TBuilder builder, FunctionApiDescription function)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(function).WithSummary(function.Operation.Summary).WithTags(function.Operation.Tag);
        if (function.Operation.Description is { } description)
            builder.WithDescription(description);
        foreach (var response in function.Responses.Where(r => r.Problems.Count == 0))
            builder.WithMetadata(new ProducesResponseTypeMetadata(response.Status, response.Type, response.ContentType is null ? [] : [response.ContentType]));
        return builder;
    }

    /// <summary>Serves the document and the reference page. The page's script is the one embedded in Scalar.AspNetCore and served
    /// by this host. Everything whose default reaches scalar.com is off: web fonts, telemetry, the AI agent, and the request proxy
    /// (an empty proxy URL, because an absent one makes the script fall back to proxy.scalar.com).</summary>
    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath.Replace(DocumentName, "{documentName}", StringComparison.Ordinal));
        app.MapScalarApiReference(PagePath, options => options
            .WithTitle("GiamNgheo — tài liệu API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .WithProxy(string.Empty));
    }

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "GiamNgheo — API rà soát hộ nghèo, hộ cận nghèo",
            Version = "v1",
            Description = "Chấm điểm và phân loại hộ theo chuẩn nghèo đa chiều của từng năm, giải thích kết quả từng hộ, tổng hợp theo xã, tỉnh, "
                + "kế hoạch báo cáo và nhắc việc, các bước rà soát hằng năm.\n\n"
                + "**Đăng nhập:** mọi yêu cầu (trừ health và tài liệu này) gửi `Authorization: Bearer <mã truy cập>` (JWT): trên Azure do "
                + "Microsoft Entra ID cấp; khi chạy trên máy phát triển do bên cấp mã phát triển cấp (`./run.sh` in ra, `giamngheo token` tạo thêm).\n\n"
                + "**Lỗi** là `application/problem+json` với `type` = `urn:giamngheo:problem:<mã>`, `title` và `detail` tiếng Việt; "
                + "mỗi phản hồi lỗi liệt kê các mã có thể gặp.",
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "Máy chủ đang phục vụ tài liệu này" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.All.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Mã truy cập JWT: trên Azure do Microsoft Entra ID cấp (vai trò trong claim roles, đơn vị trong claim đơn vị); "
                + "trên máy phát triển do bên cấp mã phát triển của máy chủ cục bộ cấp (./run.sh, giamngheo token).",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Lỗi theo RFC 9457; các trường khác (errors, submissionId…) tùy từng lỗi.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Mã lỗi ổn định.",
                    Enum = [.. ProblemTypes.All.Select(p => (JsonNode)JsonValue.Create(p.Type)!)],
                },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Tên lỗi (tiếng Việt)." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Mã trạng thái HTTP." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Giải thích và cách xử lý (tiếng Việt)." },
                ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "Các lỗi chi tiết kèm vị trí (sheet, dòng, cột) khi có." },
            },
        };
    }

    private static void DescribeOperation(OpenApiOperation operation, FunctionApiDescription function, OpenApiDocument document)
    {
        operation.OperationId = function.Name;
        operation.Parameters ??= [];
        // Request-delegate endpoints bind nothing, so the generator adds no path parameters of its own: the route declares them.
        foreach (var (name, description, whole) in function.RouteParameters)
        {
            if (operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Path))
                continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = description,
                Schema = new OpenApiSchema { Type = whole ? JsonSchemaType.Integer : JsonSchemaType.String },
            });
        }

        foreach (var query in function.Query)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Description = query.Description,
                Required = query.Required,
                Schema = new OpenApiSchema
                {
                    Type = query.Whole ? JsonSchemaType.Integer : JsonSchemaType.String,
                    Enum = query.Values is null ? null : [.. query.Values.Select(v => (JsonNode)JsonValue.Create(v)!)],
                },
            });
        }

        if (function.Bodies.Count > 0)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = function.Bodies.All(b => !b.Optional),
                Description = string.Join(" Hoặc: ", function.Bodies.Select(b => b.Description)),
                Content = function.Bodies.ToDictionary(b => b.ContentType, b => new OpenApiMediaType { Schema = BodySchema(b) }),
            };
        }

        operation.Responses ??= [];
        foreach (var group in function.Responses.GroupBy(r => r.Status))
        {
            var key = group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var described = group.First();
            if (described.Problems.Count == 0)
            {
                // The generator fills in the schemas of declared types; answers without one (files, 303) are completed here.
                var response = operation.Responses.TryGetValue(key, out var generated) && generated is OpenApiResponse found ? found : new OpenApiResponse();
                response.Description = string.Join(" ", group.Select(r => r.Description).Distinct());
                foreach (var contentType in group.Select(r => r.ContentType).OfType<string>())
                {
                    response.Content ??= new Dictionary<string, OpenApiMediaType>();
                    if (!response.Content.ContainsKey(contentType))
                        response.Content[contentType] = new OpenApiMediaType { Schema = contentType == ApiMediaTypes.Json ? null : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                }

                operation.Responses[key] = response;
                continue;
            }

            operation.Responses[key] = new OpenApiResponse
            {
                Description = string.Join("\n", described.Problems.Select(p => $"- `{p.Code}`: {p.Title}")),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiMediaTypes.Problem] = new()
                    {
                        Schema = new OpenApiSchemaReference(ProblemSchema, document),
                        Examples = described.Problems.ToDictionary(p => p.Code, p => (IOpenApiExample)new OpenApiExample
                        {
                            Summary = p.Title,
                            Value = new JsonObject { ["type"] = p.Type, ["title"] = p.Title, ["status"] = group.Key },
                        }),
                    },
                },
            };
        }

        if (!function.Anonymous)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
    }

    private static OpenApiSchema BodySchema(ApiBodyAttribute body) => body.ContentType == ApiMediaTypes.Multipart
        ? new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = body.Description } },
        }
        : new OpenApiSchema { Type = JsonSchemaType.Object, Description = body.Description };
}
