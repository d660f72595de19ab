using System.Diagnostics;
using Marten;
using Npgsql;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// Brings the database to the shape this build needs before anything else starts: a store written by an earlier build
/// upgraded where Marten cannot do it alone (<see cref="EntryArrayColumnsUpgrade"/>), Marten's tables, then the audit
/// chain's table and the append-only guard on the event table. Registered before Marten's own hosted services, so the
/// async daemon never starts against a missing table.
/// </summary>
public sealed partial class DatabaseSetup(IDocumentStore store, AuditLog auditLog, NpgsqlDataSource dataSource, ILogger<DatabaseSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await ApplyAsync(cancellationToken);

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var upgraded = await EntryArrayColumnsUpgrade.ApplyAsync(dataSource, store.Options.DatabaseSchemaName, cancellationToken);
        if (upgraded.Count > 0)
        {
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var tables = string.Join(", ", upgraded);
            LogUpgraded(logger, tables, seconds);
        }
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await auditLog.SetupAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded {Tables}: countries and officials are now indexed columns ({Seconds:F1} s, once)")]
    private static partial void LogUpgraded(ILogger logger, string tables, double seconds);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
