using Marten;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// Brings the database to the shape this build needs before anything else starts: Marten's tables, then the audit
/// chain's table and the append-only guard on the event table. Registered before Marten's own hosted services, so the
/// async daemon never starts against a missing table.
/// </summary>
public sealed class DatabaseSetup(IDocumentStore store, AuditLog auditLog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await ApplyAsync(cancellationToken);

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await auditLog.SetupAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
