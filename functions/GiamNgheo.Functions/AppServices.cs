using GiamNgheo.Functions.Web;
using GiamNgheo.Access.Authorization;
using GiamNgheo.Access.Tokens;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Changes;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Recovery;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Pipeline.Retention;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Review;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GiamNgheo.Functions;

/// <summary>The services every host of the app registers the same way: the Functions worker in Azure, the local host, the tests.</summary>
public static class AppServices
{
    /// <summary>Registers the catalogs, the storage clients (from <see cref="AppSettings"/>) and the pipeline's classes.</summary>
    /// <remarks>Clock and pipeline options are only added when absent, so a host or a test can register its own first.</remarks>
    public static IServiceCollection AddGiamNgheo(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(PipelineOptions.Default);
        services.TryAddSingleton(SurveyLimits.Default);
        services.AddSingleton(StandardCatalog.Default);
        services.AddSingleton(_ => WebAssets.Load(WebAssets.DefaultRoot));
        services.AddSingleton(_ => SignInOptions.From(configuration));
        services.AddSingleton(AdminUnitCatalog.Default);
        services.AddSingleton(_ => StorageClients.Create(configuration));
        services.AddSingleton(sp => new SurveyScorer(sp.GetRequiredService<StandardCatalog>(), sp.GetRequiredService<AdminUnitCatalog>(), sp.GetRequiredService<SurveyLimits>()));
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<SubmissionReportStore>();
        services.AddSingleton<HouseholdStore>();
        services.AddSingleton<HouseholdDigestStore>();
        services.AddSingleton<SummaryStore>();
        services.AddSingleton<SubmissionIntake>();
        services.AddSingleton<SurveyProcessor>();
        services.AddSingleton<SubmissionSweeper>();
        services.AddSingleton(_ => PrivacySettings.PseudonymKey(configuration));
        services.AddSingleton<HouseholdPseudonymiser>();
        services.TryAddSingleton(_ => PrivacySettings.Retention(configuration));
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService<RequiredSettingsCheck>();
        services.AddSingleton<ProvinceWorkbook>();
        services.AddSingleton<ProvinceWorkbookBuilder>();
        services.AddSingleton<ProvinceExportJobs>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UnitReports>();
        services.AddSingleton<ChangeListStore>();
        services.AddSingleton<IDecisionRecords, ReviewDecisions>();
        services.AddSingleton<ChangeSources>();
        services.TryAddSingleton(_ => AccessTokens(configuration));
        services.TryAddSingleton(RateLimitOptions.Default);
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<RequestRateLimits>();
        services.AddGiamNgheoNotifications(configuration);
        services.AddGiamNgheoWorkflows();
        services.AddHostedService<ScratchFileCleanup>();
        services.AddSingleton(ReviewDefaults.Default);
        services.AddSingleton<ReviewRules>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<IReminderSubjectSource, ReviewReminderSource>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        return services;
    }

    /// <summary>The Entra ID settings of the API's tokens; a host without them (and without the local host's development issuer)
    /// must not answer any request, so their absence stops the app at start (<see cref="RequiredSettingsCheck"/>) instead of opening the API.</summary>
    private static AccessTokenOptions AccessTokens(IConfiguration configuration)
    {
        var authority = configuration[AppSettings.AuthAuthority.ConfigurationKey];
        var audiences = (configuration[AppSettings.AuthAudience.ConfigurationKey] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || audiences.Length == 0)
            throw new InvalidOperationException($"Sign-in is not configured: set {AppSettings.AuthAuthority.Name} (an https authority) and {AppSettings.AuthAudience.Name}.");
        return new AccessTokenOptions
        {
            Authority = uri,
            Audiences = audiences,
            UnitsClaim = configuration[AppSettings.AuthUnitsClaim.ConfigurationKey] is { Length: > 0 } claim ? claim : "units",
        };
    }
}
