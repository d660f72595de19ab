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

    public static async Task<RebuildReport> RebuildAllAsync(IDocumentStore store, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        // Officials are few (one stream per person): Marten's daemon rebuild is quick for them. The entries' two views,
        // a document per entry and one per event, are rebuilt in bulk by COPY in one transaction (EntryViewsRebuild).
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<OfficialProjection>(TimeSpan.FromMinutes(10), ct);
        await EntryViewsRebuild.RebuildAsync(store, dataSource, ct);
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().CountAsync(ct);
        return new RebuildReport(Projections.Select(p => p.Name).ToList(), events, started.Elapsed.TotalSeconds);
    }

    public static IEndpointRouteBuilder MapReplay(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/rebuild", async Task<Ok<RebuildReport>> (IDocumentStore store, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct) =>
                TypedResults.Ok(await RebuildAllAsync(store, dataSource, ct)))
            .WithTags("Operating")
            .WithName("RebuildProjections")
            .RequireAuthorization(TimelineRoles.Editor)
            .WithSummary("Rebuilds every view from the event log and reports what it replayed.");
        return app;
    }
}
