using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Http;

/// <summary>Turns an exception of an HTTP function into the API's problem (Vietnamese, stable type) instead of the host's bare
/// 500: 413 or 408 when the server refused the request body, 500 when the app failed.</summary>
/// <remarks>The local host does the same in its HTTP adapter, so both hosts answer a failure alike.</remarks>
public sealed partial class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <summary>True for functions triggered by HTTP: the middleware applies to them only.</summary>
    public static bool AppliesTo(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.CancellationToken.IsCancellationRequested)
        {
            if (Problems.ForRefusedRequest(ex, context.GetHttpContext()) is { } refused)
            {
                Refused(context.FunctionDefinition.Name, ex.Message);
                context.GetInvocationResult().Value = refused;
                return;
            }

            Failed(ex, context.FunctionDefinition.Name);
            context.GetInvocationResult().Value = Problems.ServerError();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed.")]
    private partial void Failed(Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP function {Function} refused the request body: {Reason}")]
    private partial void Refused(string function, string reason);
}
