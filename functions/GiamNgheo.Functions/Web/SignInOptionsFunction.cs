using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Web;

/// <summary>Tells the web app how to sign in: open without a token, since it is what a person needs before having one.</summary>
public sealed class SignInOptionsFunction(SignInOptions options)
{
    /// <summary><c>GET /api/sign-in-options</c>: <c>{"mode":"entra","clientId","authority","authorizeEndpoint","tokenEndpoint","scopes","unitsClaim"}</c>
    /// or <c>{"mode":"development"}</c>.</summary>
    [Function("sign-in-options")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sign-in-options")] HttpRequest request) => Results.Ok(options);
}
