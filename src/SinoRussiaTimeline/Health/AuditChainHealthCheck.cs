using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Health;

/// <summary>
/// The one asynchronous projection, the audit chain, must not stall. A stall is reported as Degraded, not Unhealthy:
/// the chain runs on one node for the whole deployment, so taking every node out of service for it would stop reads
/// and writes that are fine; the answer names how far behind the chain is, for an operator or an alert.
/// </summary>
public sealed class AuditChainHealthCheck(AuditLog log, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(60);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var (unchained, oldest) = await log.UnchainedAsync(cancellationToken);
            if (unchained == 0) return HealthCheckResult.Healthy("The audit chain covers every event.");
            var waiting = clock.GetUtcNow() - oldest!.Value;
            return waiting > StallAfter
                ? HealthCheckResult.Degraded($"The audit chain is stalled: {unchained} events unchained, the oldest for {waiting.TotalSeconds:F0} s.")
                : HealthCheckResult.Healthy($"The audit chain is catching up: {unchained} events to chain.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The database check reports the outage; this one has nothing to add.
            return HealthCheckResult.Healthy("The audit chain cannot be read while the database is unreachable.");
        }
    }
}
