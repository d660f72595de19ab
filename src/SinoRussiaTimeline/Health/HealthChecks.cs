using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SinoRussiaTimeline.Health;

/// <summary>Ready means: PostgreSQL answers and the event store's schema is there.</summary>
public sealed class SchemaHealthCheck(IDocumentStore store, NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The service's own pool: the check sees what requests see, and an outage clears that pool.
            await using var command = dataSource.CreateCommand("select to_regclass(@table) is not null");
            command.Parameters.AddWithValue("table", $"{store.Options.Events.DatabaseSchemaName}.mt_events");
            var applied = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            return applied ? HealthCheckResult.Healthy("Database reachable, schema applied.") : HealthCheckResult.Unhealthy("The event store's schema is not applied.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", e);
        }
    }
}

/// <summary>
/// Says whether this node currently runs the async daemon (the audit chain). With HotCold one node of those sharing the
/// schema does; the others stand by, so both answers are healthy: the check only reports the node's role.
/// </summary>
public sealed class DaemonRoleHealthCheck(IProjectionCoordinator coordinator) : IHealthCheck
{
    public const string Leader = "This node runs the async daemon (the audit chain).";
    public const string Standby = "Standby: another node runs the async daemon.";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(coordinator.DaemonForMainDatabase().IsRunning ? Leader : Standby));
}

public static class HealthApi
{
    public static IServiceCollection AddTimelineHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SchemaHealthCheck>("database", tags: ["ready"])
            .AddCheck<AuditChainHealthCheck>("auditChain", tags: ["ready"])
            .AddCheck<DaemonRoleHealthCheck>("daemon", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Operating").WithSummary("The process answers.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .WithTags("Operating").WithSummary("PostgreSQL is reachable and the schema applied; `checks.daemon` says whether this node runs the async daemon, `checks.auditChain` is Degraded (still 200) when the chain has stalled for a minute.");
        return app;
    }

    // A small JSON body instead of the bare word, without exception details.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
