using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Resilience;

/// <summary>How the service behaves when PostgreSQL is unavailable (section <c>Timeline:Database</c>).</summary>
public sealed class ResilienceOptions
{
    /// <summary>Connect timeout added to the connection string when it sets none (Npgsql's own default is 15 s).</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Command timeout added to the connection string when it sets none (Npgsql's own default is 30 s).</summary>
    public int CommandTimeoutSeconds { get; set; } = 15;

    /// <summary>The <c>Retry-After</c> of a 503 caused by an outage.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How long a health check may take before it counts as failed.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}

public static class ResilienceSetup
{
    /// <summary>
    /// Fail-fast connection defaults and the 503 mapping of outages. Call before <c>AddTimelineStore</c> (which reads the
    /// connection string) and before the general exception handler is added (handlers run in the order added).
    /// </summary>
    public static WebApplicationBuilder AddTimelineResilience(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Timeline:Database").Get<ResilienceOptions>() ?? new ResilienceOptions();
        var key = "ConnectionStrings:" + MartenSetup.ConnectionStringName;
        if (builder.Configuration[key] is { Length: > 0 } connectionString)
            builder.Configuration[key] = DatabaseFaults.WithFailFastDefaults(connectionString, options.ConnectTimeoutSeconds, options.CommandTimeoutSeconds);

        builder.Services.AddSingleton(options);
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<WriteProgress.Listener>();
        builder.Services.ConfigureMarten((services, store) => store.Listeners.Add(services.GetRequiredService<WriteProgress.Listener>()));
        // A readiness probe must answer within its own timeout, whatever the network does.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(health =>
        {
            foreach (var registration in health.Registrations.Where(r => r.Timeout == Timeout.InfiniteTimeSpan || r.Timeout > options.HealthCheckTimeout))
                registration.Timeout = options.HealthCheckTimeout;
        });
        return builder;
    }
}
