using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace GiamNgheo.Functions.Http.Security;

/// <summary>Runs <see cref="RequestAuthenticator"/> before every HTTP function of the worker in Azure; a refused token never reaches the function.</summary>
public sealed class AuthenticationMiddleware(RequestAuthenticator authenticator) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext() ?? throw new InvalidOperationException("ASP.NET Core integration is not configured: no HttpContext for an HTTP function.");
        if (await authenticator.AuthenticateAsync(context.FunctionDefinition.Name, http) is { } refusal)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }

        await next(context);
    }
}
