using System.Diagnostics;
using Marten;
using Npgsql;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// Brings the database to the shape this build needs before anything else starts: a store written by an earlier build
/// upgraded where Marten cannot do it alone (<see cref="EntryArrayColumnsUpgrade"/>, <see cref="CurrentVersionsUpgrade"/>),
/// Marten's tables, then the audit
/// chain's table and the append-only guard on the event table. Registered before Marten's own hosted services, so the
/// async daemon never starts against a missing table.
/// Nodes that start together (replicas, a rolling update) would run the same DDL at once, and PostgreSQL refuses the
/// loser ("tuple concurrently updated" on two <c>create or replace function</c>s, "relation already exists" on two
/// <c>create index</c>es), so that node would not start. The whole setup runs under a session advisory lock named for the
/// schema: one node at a time brings the schema to shape, and the next finds nothing left to change.
/// </summary>
public sealed partial class DatabaseSetup(IDocumentStore store, AuditLog auditLog, NpgsqlDataSource dataSource, ILogger<DatabaseSetup> logger) : IHostedService
{
    /// <summary>The session advisory lock the setup runs under, one per schema (its name bound as <c>@schema</c>).</summary>
    private const string SetupLock = "hashtext('database-setup:' || @schema)";

    public async Task StartAsync(CancellationToken cancellationToken) => await ApplyAsync(cancellationToken);

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        // The lock's connection only holds the lock: the setup's own statements run on connections of their own (Marten's,
        // the upgrade's). A node that dies holding it frees it with its connection.
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(lockConnection, $"select pg_advisory_lock({SetupLock})", cancellationToken);
        try
        {
            await ApplyLockedAsync(cancellationToken);
        }
        finally
        {
            // Unlocked explicitly: the pool may keep the connection, and with it a session lock, for the next caller.
            await ExecuteAsync(lockConnection, $"select pg_advisory_unlock({SetupLock})", CancellationToken.None);
        }
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        // No command timeout: waiting for another node's setup (a long upgrade included) is what a starting node must do.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("schema", store.Options.DatabaseSchemaName);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task ApplyLockedAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var upgraded = await EntryArrayColumnsUpgrade.ApplyAsync(dataSource, store.Options.DatabaseSchemaName, cancellationToken);
        if (upgraded.Count > 0)
        {
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var tables = string.Join(", ", upgraded);
            LogUpgraded(logger, tables, seconds);
        }
        var schema = store.Options.DatabaseSchemaName;
        foreach (var step in await CurrentVersionsUpgrade.ApplyAsync(dataSource, schema, cancellationToken))
            LogUpgradeStep(logger, step);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await auditLog.SetupAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded {Tables}: countries and officials are now indexed columns ({Seconds:F1} s, once)")]
    private static partial void LogUpgraded(ILogger logger, string tables, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded the store: {Step} (once)")]
    private static partial void LogUpgradeStep(ILogger logger, string step);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
