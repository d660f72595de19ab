using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Security;

namespace SinoRussiaTimeline.Replay;

/// <summary>The projections rebuilt, and how long it took.</summary>
public sealed record RebuildReport(IReadOnlyList<string> Projections, long Events, double Seconds);

/// <summary>
/// Rebuilds every view from the event log: the views are derived data, the log is the truth. The `rebuild` verb and
/// <c>POST /api/admin/rebuild</c> both come here. Rebuild while no one writes: a write during a rebuild may be missed
/// by the view being rebuilt.
/// </summary>
public static class ProjectionRebuild
{
    private static readonly Type[] Projections =
        [typeof(OfficialProjection), typeof(EntryProjection), typeof(EntryRevisionProjection)];

    public static async Task<RebuildReport> RebuildAllAsync(IDocumentStore store, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var daemon = await store.BuildProjectionDaemonAsync();
        // Concurrently: each projection is its own pass over the log into its own tables, so no pass needs another's
        // result, and on a machine with spare cores the passes overlap. Marten caps how many run at once
        // (DaemonSettings.MaxConcurrentRebuildsPerDatabase; by default the connection pool's size / 8). On the shared
        // 2-core machine it measured no faster than one after the other (docs/performance.md, "Rebuild").
        await Task.WhenAll(Projections.Select(projection => daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(10), ct)));
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().CountAsync(ct);
        return new RebuildReport(Projections.Select(p => p.Name).ToList(), events, started.Elapsed.TotalSeconds);
    }

    public static IEndpointRouteBuilder MapReplay(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/rebuild", async Task<Ok<RebuildReport>> (IDocumentStore store, CancellationToken ct) =>
                TypedResults.Ok(await RebuildAllAsync(store, ct)))
            .WithTags("Operating")
            .WithName("RebuildProjections")
            .RequireAuthorization(TimelineRoles.Editor)
            .WithSummary("Rebuilds every view from the event log and reports what it replayed.");
        return app;
    }
}
