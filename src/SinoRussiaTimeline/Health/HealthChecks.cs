using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SinoRussiaTimeline.Health;

/// <summary>Ready means: PostgreSQL answers and the event store's schema is there.</summary>
public sealed class SchemaHealthCheck(IDocumentStore store, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString(Infrastructure.MartenSetup.ConnectionStringName));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select to_regclass(@table) is not null", connection);
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

public static class HealthApi
{
    public static IServiceCollection AddTimelineHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SchemaHealthCheck>("database", tags: ["ready"])
            .AddCheck<AuditChainHealthCheck>("auditChain", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Operating").WithSummary("The process answers.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .WithTags("Operating").WithSummary("PostgreSQL is reachable and the schema applied; the audit chain is reported Degraded (still 200) when it has stalled for a minute.");
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
