using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Web;

/// <summary>Tells the web app how to sign in: open without a token, since it is what a person needs before having one.</summary>
public sealed class SignInOptionsFunction(SignInOptions options)
{
    /// <summary><c>GET /api/sign-in-options</c>: <c>{"mode":"entra","clientId","authority","authorizeEndpoint","tokenEndpoint","scopes","unitsClaim"}</c>
    /// or <c>{"mode":"development"}</c>.</summary>
    [ApiOperation(Tags.WebApp, "Cách ứng dụng web đăng nhập", Description = "Không cần đăng nhập. Trong Azure: mode \"entra\" với mã ứng dụng, điểm cấp quyền, điểm cấp mã và phạm vi; khi chưa cấu hình Entra ID: mode \"development\".")]
    [ApiResponse(200, "Cấu hình đăng nhập.", Type = typeof(SignInOptions))]
    [Function("sign-in-options")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sign-in-options")] HttpRequest request) => Results.Ok(options);
}
