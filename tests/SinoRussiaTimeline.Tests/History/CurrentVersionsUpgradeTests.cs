using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Tests.Support;
using Weasel.Core;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// The revisions hold only replaced versions; the current version is the entry (Entries/AsOf.cs). A store written when
/// the revisions held every version, the current ones too, and the entries had no last_recorded_at column, is upgraded at
/// start-up (Infrastructure/CurrentVersionsUpgrade.cs) and then answers every asOf and history route as before.
/// </summary>
public sealed class CurrentVersionsUpgradeTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>, IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_store_whose_revisions_held_every_version_is_upgraded_at_start_and_answers_as_before()
    {
        var wang = await Given.OfficialAsync("Wang Yi", "CN");
        var moscow = await Given.VisitAsync(wang, "RU", "2018-04");
        var astana = await Given.VisitAsync(wang, "KZ", "2018-05");
        var minsk = await Given.VisitAsync(wang, "BY", "2018-06");
        var before = RecordedInstant.Query(await RecordedInstant.BetweenWritesAsync());
        await _client.CorrectedAsync(await _client.CorrectedAsync(moscow, new { date = "2018-04-03" }), new { title = "Wang Yi in Moscow" });
        await _client.RetractedAsync(minsk);
        var now = RecordedInstant.Query(await RecordedInstant.BetweenWritesAsync());
        string[] routes =
        [
            $"/api/timeline?officialId={wang}&includeRetracted=true&asOf={before}", $"/api/timeline?officialId={wang}&includeRetracted=true&asOf={now}",
            $"/api/timeline/stats?officialId={wang}&asOf={before}", $"/api/officials/{wang}/itinerary?asOf={before}",
            $"/api/entries/{moscow.Id()}?asOf={before}", $"/api/entries/{moscow.Id()}?asOf={now}", $"/api/entries/{astana.Id()}?asOf={before}",
            $"/api/entries/{moscow.Id()}/history", "/api/feed.atom",
        ];
        var answers = new Dictionary<string, string>();
        foreach (var route in routes) answers[route] = await _client.GetTextAsync(route);

        await DowngradeAsync();
        (await CountAsync("mt_doc_entryrevision where recorded_until is null")).ShouldBe(3, "the shape an earlier build left: each current version also a revision");

        // A new build starting on that store: the same schema, a host of its own.
        await using var upgraded = app.WithWebHostBuilder(_ => { });
        var client = upgraded.CreateClient();
        foreach (var route in routes) (await client.GetTextAsync(route)).ShouldBe(answers[route], route);
        (await CountAsync("mt_doc_entryrevision where recorded_until is null")).ShouldBe(0, "the current versions' revisions are gone");
        (await CountAsync("mt_doc_entryrevision")).ShouldBe(3, "the three replaced versions stay");
        (await CountAsync("mt_doc_timelineentry where last_recorded_at is distinct from (data ->> 'lastRecordedAt')::timestamptz")).ShouldBe(0);

        // The upgrade leaves exactly what Marten declares, so Marten has nothing to redo; and it runs once.
        await DowngradeAsync();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        (await CurrentVersionsUpgrade.ApplyAsync(dataSource, app.Schema, Ct)).Count.ShouldBe(2);
        (await app.Store.Storage.Database.CreateMigrationAsync(Ct)).Difference.ShouldBe(SchemaPatchDifference.None);
        (await CurrentVersionsUpgrade.ApplyAsync(dataSource, app.Schema, Ct)).ShouldBeEmpty();
        foreach (var route in routes) (await client.GetTextAsync(route)).ShouldBe(answers[route], route);
    }

    [Fact]
    public async Task A_store_that_needs_nothing_is_left_untouched()
    {
        var wang = await Given.OfficialAsync("Wang Yi", "CN");
        await _client.CorrectedAsync(await Given.VisitAsync(wang, "RU", "2018-04"), new { date = "2018-04-03" });
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();

        (await CurrentVersionsUpgrade.ApplyAsync(dataSource, app.Schema, Ct)).ShouldBeEmpty();
        (await CountAsync("mt_doc_entryrevision")).ShouldBe(1);
    }

    // What a build before 8 December 2026 left: no last_recorded_at column on the entries, and every current version also
    // stored as an open revision (recorded_until null), as its inline projection wrote it.
    private async Task DowngradeAsync()
    {
        var s = app.Schema;
        await Superuser.ExecuteAsync(database, $"""
            drop index "{s}".mt_doc_timelineentry_idx_last_recorded_at;
            alter table "{s}".mt_doc_timelineentry drop column last_recorded_at;
            insert into "{s}".mt_doc_entryrevision (id, data, mt_dotnet_type, start_earliest, start_latest, end_latest, sequence, last_recorded_at, recorded_until, countries, official_ids)
            select e.id || ':' || (e.data ->> 'streamVersion'),
                   e.data || jsonb_build_object('revisionId', e.id || ':' || (e.data ->> 'streamVersion'), 'recordedUntil', null),
                   'SinoRussiaTimeline.Entries.EntryRevision', e.start_earliest, e.start_latest, e.end_latest, e.sequence,
                   (e.data ->> 'lastRecordedAt')::timestamptz, null, e.countries, e.official_ids
              from "{s}".mt_doc_timelineentry e;
            """);
    }

    private async Task<long> CountAsync(string tableAndFilter) =>
        await Superuser.ScalarAsync<long>(database, $"select count(*) from \"{app.Schema}\".{tableAndFilter}");
}
