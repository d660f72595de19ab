using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Security;

/// <summary>
/// API keys and roles. Reads are open; writes need the <c>editor</c> role and the audit trail the <c>auditor</c> role,
/// declared on each endpoint with <c>.RequireAuthorization(TimelineRoles.Editor)</c>.
/// </summary>
public static partial class SecuritySetup
{
    public static IServiceCollection AddTimelineAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(ApiKeyAuthenticationOptions.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationOptions.Scheme, _ => { });
        services.AddOptions<ApiKeyAuthenticationOptions>(ApiKeyAuthenticationOptions.Scheme)
            .Configure(options => configuration.GetSection(ApiKeyAuthenticationOptions.ConfigurationSection).Bind(options.ApiKeys))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyAuthenticationOptions>, ApiKeyOptionsValidator>();

        services.AddAuthorizationBuilder()
            .AddPolicy(TimelineRoles.Editor, policy => policy.RequireAuthenticatedUser().RequireRole(TimelineRoles.Editor))
            .AddPolicy(TimelineRoles.Auditor, policy => policy.RequireAuthenticatedUser().RequireRole(TimelineRoles.Auditor));

        services.ConfigureSwaggerGen(ApiKeySwagger.Configure);
        return services;
    }

    /// <summary>
    /// Authentication, then authorization, after the correlation middleware (so refusals carry the correlation id). A
    /// key that is present but not valid is refused with 401 on every route, reads included: a client whose key is wrong
    /// learns it at its first request, not at its first write. Events written under a key record the key's name.
    /// </summary>
    public static WebApplication UseTimelineAuthentication(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<IOptionsMonitor<ApiKeyAuthenticationOptions>>().Get(ApiKeyAuthenticationOptions.Scheme).ApiKeys;
        var logger = app.Logger;
        if (keys.Count == 0) LogNoKeys(logger);
        else
        {
            var described = string.Join(", ", keys.Select(k => $"{k.Name} ({string.Join("+", k.Roles)})"));
            LogKeys(logger, keys.Count, described);
        }

        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            // The handler caches its result per request: this is the result UseAuthentication obtained, not a second look-up.
            // (Its IAuthenticateResultFeature is set only on success, so it cannot tell a failure from no key.)
            var result = await context.AuthenticateAsync(ApiKeyAuthenticationOptions.Scheme);
            if (result.Failure is not null)
            {
                await context.ChallengeAsync(ApiKeyAuthenticationOptions.Scheme);
                return;
            }
            if (result.Succeeded && result.Principal.Identity?.Name is { } name)
                context.RequestServices.GetRequiredService<CorrelationContext>().RecordedBy = name;
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys are configured (Timeline:ApiKeys): the service is read-only, every write and audit route answers 401.")]
    private static partial void LogNoKeys(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} API key(s) configured: {Keys}")]
    private static partial void LogKeys(ILogger logger, int count, string keys);
}
