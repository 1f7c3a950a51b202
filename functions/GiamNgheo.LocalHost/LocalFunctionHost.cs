using System.Globalization;
using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Functions;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Functions.Durable;
using GiamNgheo.Access.Tokens;
using GiamNgheo.Functions.Http;
using GiamNgheo.Functions.Http.Description;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.LocalHost.Durable;
using GiamNgheo.LocalHost.Functions;
using GiamNgheo.LocalHost.OpenApi;
using GiamNgheo.LocalHost.Triggers;
using GiamNgheo.Pipeline.Storage;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace GiamNgheo.LocalHost;

/// <summary>The function app's code in one ordinary process (ADR 0005): its HTTP functions on the same routes, storage
/// listeners feeding its blob, queue and timer functions, and the Durable Task worker running its orchestrations on the
/// Azure Storage provider. Everything durable is in storage, so a restart resumes what was in flight.</summary>
public sealed class LocalFunctionHost : IAsyncDisposable
{
    private readonly LocalDurableSidecar _sidecar;
    private readonly GrpcChannel _channel;
    private bool _stopped;

    private LocalFunctionHost(WebApplication app, LocalDurableSidecar sidecar, GrpcChannel channel, IReadOnlyList<FunctionDescriptor> functions, IReadOnlyList<string> durableTasks)
    {
        App = app;
        _sidecar = sidecar;
        _channel = channel;
        Functions = functions;
        DurableTasks = durableTasks;
    }

    /// <summary>The web application (services, addresses).</summary>
    public WebApplication App { get; }

    /// <summary>The functions served, as discovered from the app's assembly.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    /// <summary>Names of the orchestrators and activities the Durable worker runs.</summary>
    public IReadOnlyList<string> DurableTasks { get; }

    /// <summary>The base address of the API.</summary>
    public Uri BaseAddress => new(App.Urls.First());

    /// <summary>Starts the Durable sidecar, then the app.</summary>
    /// <param name="options">Port, storage, poll interval.</param>
    /// <param name="configure">Lets tests add configuration or replace services before the app is built.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LocalFunctionHost> StartAsync(LocalHostOptions options, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var settings = HostSettings.Load(options.HostJsonPath);
        var functions = FunctionCatalog.Discover(typeof(AppServices).Assembly);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Configuration[AppSettings.StorageConnectionString.Name] = options.StorageConnectionString;
        LocalDevelopmentSettings.ApplyTo(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            RequestLimits.Apply(kestrel);
        });

        var services = builder.Services;
        // Bounded so that run.sh can stop the host and then Azurite within 10 s; unfinished work resumes from storage.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));
        // Only the local host trusts the development issuer: the function app in Azure registers Entra ID alone (ADR 0009).
        services.AddSingleton(DevelopmentTokens.Open(options.DevelopmentKeyFile, TimeProvider.System).ValidationOptions);
        services.AddGiamNgheo(builder.Configuration);
        services.AddSingleton(settings);
        services.AddSingleton(options);
        services.AddSingleton(functions);
        services.AddSingleton<FunctionInvoker>();
        services.AddHostedService<StorageSetup>();
        services.AddHostedService<TriggerListeners>();
        services.AddApiReference();

        var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var sidecar = await LocalDurableSidecar.StartAsync(options.StorageConnectionString, settings, loggerFactory, cancellationToken);
        var channel = GrpcChannel.ForAddress(sidecar.Address);
        var registry = new DurableTaskRegistry();
        GiamNgheo.Functions.Durable.DurableTasks.Register(registry);
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(GiamNgheo.Functions.Durable.DurableTasks.Register);
            worker.UseGrpc(channel);
            worker.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = settings.MaxConcurrentActivities;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = settings.MaxConcurrentOrchestrations;
            });
        });
        services.AddDurableTaskClient(client => client.UseGrpc(channel));
        configure?.Invoke(builder);

        var app = builder.Build();
        MapHttpFunctions(app, functions, settings);
        DevelopmentSignIn.Map(app, options);
        app.MapApiReference();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await sidecar.DisposeAsync();
            channel.Dispose();
            throw;
        }

        var taskNames = TaskNames(registry);
        var httpCount = functions.Count(f => f.Kind == TriggerKind.Http);
        app.Logger.Started(httpCount, settings.RoutePrefix, functions.Count - httpCount, taskNames.Count);
        return new LocalFunctionHost(app, sidecar, channel, functions, taskNames);
    }

    /// <summary>Stops the app (HTTP, listeners, Durable worker), then the sidecar. Work in flight stays in storage and resumes at
    /// the next start; <paramref name="abort"/> cancels it at once instead of letting it finish within the shutdown timeout.</summary>
    public async Task StopAsync(bool abort)
    {
        if (_stopped)
            return;
        _stopped = true;
        try
        {
            await App.StopAsync(abort ? new CancellationToken(canceled: true) : CancellationToken.None);
        }
        finally
        {
            await App.DisposeAsync();
            await _sidecar.DisposeAsync();
            _channel.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(abort: false);

    private static void MapHttpFunctions(WebApplication app, IReadOnlyList<FunctionDescriptor> functions, HostSettings settings)
    {
        var invoker = app.Services.GetRequiredService<FunctionInvoker>();
        var authenticator = app.Services.GetRequiredService<RequestAuthenticator>();
        var logger = app.Services.GetRequiredService<ILogger<LocalFunctionHost>>();
        foreach (var function in functions.Where(f => f.Kind == TriggerKind.Http))
        {
            RequestDelegate handle = async context =>
            {
                var bindingData = context.Request.RouteValues.ToDictionary(
                    v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.OrdinalIgnoreCase);
                IResult result;
                try
                {
                    result = await authenticator.AuthenticateAsync(function.Name, context)
                        ?? await invoker.InvokeAsync(function, context.Request, bindingData, context.RequestAborted) as IResult
                        ?? Results.NoContent();
                }
                catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
                {
                    if (Problems.ForRefusedRequest(ex, context) is { } refused)
                    {
                        logger.HttpRequestRefused(function.Name, ex.Message);
                        result = refused;
                    }
                    else
                    {
                        logger.HttpFunctionFailed(ex, function.Name);
                        result = Problems.ServerError();
                    }
                }

                await result.ExecuteAsync(context);
            };
            // The handler's MethodInfo is what lets the API explorer (and so the OpenAPI generator) see a request-delegate endpoint.
            app.MapMethods(RoutePattern(settings.RoutePrefix, function.Source), function.HttpMethods.Select(m => m.ToUpperInvariant()), handle)
                .WithName(function.Name)
                .WithMetadata(handle.Method)
                .WithApiDescription(ApiConventions.Describe(function.Name, function.Method, function.Source));
        }
    }

    // The host joins prefix and route with one slash and drops an empty prefix: the app's routePrefix is "" so that the
    // web app can answer at the site's root (ADR 0012), while its API routes carry "api/" themselves.
    private static string RoutePattern(string prefix, string route) =>
        "/" + string.Join('/', new[] { prefix.Trim('/'), route }.Where(part => part.Length > 0));

    private static List<string> TaskNames(DurableTaskRegistry registry)
    {
        // The registry keeps its entries internal; their keys are the names the worker dispatches on.
        var names = new List<string>();
        foreach (var member in new[] { "Orchestrators", "Activities" })
        {
            var entries = typeof(DurableTaskRegistry).GetProperty(member, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetValue(registry) as System.Collections.IEnumerable
                ?? throw new InvalidOperationException($"DurableTaskRegistry.{member} is not readable; the Durable Task SDK changed.");
            foreach (var entry in entries)
                names.Add(entry.GetType().GetProperty("Key")!.GetValue(entry)!.ToString()!);
        }

        return [.. names.OrderBy(n => n, StringComparer.Ordinal)];
    }

    /// <summary>Creates the containers, tables and queues (in Azure the infrastructure does) before any listener starts.</summary>
    private sealed class StorageSetup(PipelineStorage storage, GiamNgheo.Notifications.NotificationStorage notifications, GiamNgheo.Workflows.Storage.WorkflowStorage workflows) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            Task.WhenAll(storage.EnsureCreatedAsync(cancellationToken), notifications.EnsureCreatedAsync(cancellationToken), workflows.EnsureCreatedAsync(cancellationToken));

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Runs one listener per blob, queue and timer function until the app stops.</summary>
    private sealed class TriggerListeners(
        IReadOnlyList<FunctionDescriptor> functions,
        HostSettings settings,
        LocalHostOptions options,
        FunctionInvoker invoker,
        TimeProvider time,
        ILogger<TriggerListeners> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var blobs = new BlobServiceClient(options.StorageConnectionString);
            // Read queue bodies as stored and decode them per host.json, as the host does, so a malformed body can be poisoned.
            var undecodedQueues = new QueueServiceClient(options.StorageConnectionString);
            var listeners = new List<ITriggerListener>();
            foreach (var function in functions)
            {
                switch (function.Kind)
                {
                    case TriggerKind.Blob:
                        listeners.Add(new BlobTriggerListener(function, settings, blobs, undecodedQueues, invoker, options.PollInterval, time, logger));
                        break;
                    case TriggerKind.Queue:
                        listeners.Add(new QueueTriggerListener(function, settings, undecodedQueues, invoker, options.PollInterval, time, logger));
                        break;
                    case TriggerKind.Timer:
                        listeners.Add(new TimerTriggerListener(function, blobs, invoker, time, logger));
                        break;
                }
            }

            try
            {
                await Task.WhenAll(listeners.Select(l => l.RunAsync(stoppingToken)));
            }
            finally
            {
                foreach (var listener in listeners.OfType<IDisposable>())
                    listener.Dispose();
            }
        }
    }
}

/// <summary>The local host's own log lines.</summary>
internal static partial class LocalHostLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed.")]
    public static partial void HttpFunctionFailed(this ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP function {Function} refused the request body: {Reason}")]
    public static partial void HttpRequestRefused(this ILogger logger, string function, string reason);
}
