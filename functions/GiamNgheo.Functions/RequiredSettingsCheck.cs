using GiamNgheo.Access.Tokens;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GiamNgheo.Functions;

/// <summary>Reads the settings the app cannot run without when the host starts, so a missing pseudonym key stops the app
/// at once (the host fails to start and says which setting) instead of failing the first export hours later.</summary>
internal sealed class RequiredSettingsCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PseudonymKey>();
        services.GetRequiredService<RetentionPolicy>();
        services.GetRequiredService<AccessTokenOptions>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
