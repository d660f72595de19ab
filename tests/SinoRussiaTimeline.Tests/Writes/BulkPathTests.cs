using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Replay;
using SinoRussiaTimeline.Seeding;
using SinoRussiaTimeline.Tests.Support;
using Shouldly;

namespace SinoRussiaTimeline.Tests.Writes;

/// <summary>
/// The bulk seed and the bulk rebuild write the entries' documents by COPY instead of through the inline projections;
/// these tests hold them to the inline projections' output row for row, and the seed to its one-transaction-per-batch
/// promise: a failed batch leaves neither events nor documents, and the audit chain covers what was loaded.
/// </summary>
public sealed class BulkPathTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Chinese = ["copy-cn-a", "copy-cn-b"];
    private static readonly string[] Russian = ["copy-ru-a", "copy-ru-b"];

    /// <summary>Officials, then visits, arms deliveries and joint statements at several precisions, each with its key.</summary>
    private static JsonObject SeedFile(int visits = 12)
    {
        var officials = new JsonArray();
        foreach (var (id, i) in Chinese.Select((id, i) => (id, i)))
        {
            var official = Bodies.Official($"Copy Chinese {i}", "CN", id);
            official["offices"] = new JsonArray(Bodies.Office($"Minister {i}", $"201{i}-03-1{i}"));
            officials.Add(official);
        }
        foreach (var (id, i) in Russian.Select((id, i) => (id, i))) officials.Add(Bodies.Official($"Copy Russian {i}", "RU", id));

        string[] dates = ["2015", "2012-05", "2016-07-04", "2013-03~", "2011-11-30", "2014-04-01/2014-04-03", "2019-09?"];
        var visitItems = new JsonArray();
        for (var n = 0; n < visits; n++)
        {
            var visit = n % 2 == 0
                ? Bodies.Visit([Chinese[n % 2]], "RU", dates[n % dates.Length], $"Copy visit {n}")
                : Bodies.Visit([Russian[n % 2]], "CN", dates[n % dates.Length], $"Copy visit {n}");
            visit["hostOfficialIds"] = Bodies.Array(n % 2 == 0 ? [Russian[0]] : [Chinese[1]]);
            visit["key"] = $"copy-visit-{n}";
            visitItems.Add(visit);
        }
        var delivery = Bodies.ArmsDelivery("RU", "CN", "2015-11");
        delivery["key"] = "copy-delivery";
        var statement = Bodies.JointStatement(["CN", "RU"], "2019-06-05", [Chinese[0], Russian[0]], "Copy statement");
        statement["key"] = "copy-statement";
        return new JsonObject
        {
            ["officials"] = officials, ["visits"] = visitItems, ["armsDeliveries"] = new JsonArray(delivery), ["jointStatements"] = new JsonArray(statement),
        };
    }

    private static async Task<string> WriteAsync(JsonObject file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"copy-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, file.ToJsonString(), Ct);
        return path;
    }

    /// <summary>
    /// Every row of both entry tables, every column but the two Marten stamps per write (mt_last_modified, mt_version),
    /// as text: the jsonb documents byte for byte and the duplicated columns the timeline and asOf queries filter on.
    /// </summary>
    private async Task<List<string>> RowsAsync(string table)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(
            $"select (to_jsonb(t) - 'mt_last_modified' - 'mt_version')::text from \"{app.Schema}\".{table} t order by id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct)) rows.Add(reader.GetString(0));
        return rows;
    }

    private async Task<(List<string> Entries, List<string> Revisions)> DocumentsAsync() =>
        (await RowsAsync("mt_doc_timelineentry"), await RowsAsync("mt_doc_entryrevision"));

    private static void ShouldBeTheSame((List<string> Entries, List<string> Revisions) actual, (List<string> Entries, List<string> Revisions) expected)
    {
        actual.Entries.Count.ShouldBe(expected.Entries.Count);
        actual.Revisions.Count.ShouldBe(expected.Revisions.Count);
        for (var i = 0; i < expected.Entries.Count; i++) actual.Entries[i].ShouldBe(expected.Entries[i]);
        for (var i = 0; i < expected.Revisions.Count; i++) actual.Revisions[i].ShouldBe(expected.Revisions[i]);
    }

    [Fact]
    public async Task After_a_bulk_seed_every_document_is_the_one_the_inline_projections_build_from_the_same_events()
    {
        await app.ResetAsync();
        var loader = app.Services.GetRequiredService<SeedLoader>();
        loader.BatchSize = 5;
        (await loader.LoadAsync(await WriteAsync(SeedFile()), Ct)).Added.ShouldBe(4 + 2 + 12 + 2);
        var bulk = await DocumentsAsync();
        bulk.Entries.Count.ShouldBe(14);
        bulk.Entries.ShouldAllBe(row => row.Contains("\"sequence\":", StringComparison.Ordinal));

        // Marten's own rebuild runs the inline projections' code over the stored events.
        using (var daemon = await app.Store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync<EntryProjection>(TimeSpan.FromMinutes(1), Ct);
            await daemon.RebuildProjectionAsync<EntryRevisionProjection>(TimeSpan.FromMinutes(1), Ct);
        }

        ShouldBeTheSame(await DocumentsAsync(), bulk);
    }

    [Fact]
    public async Task A_rebuild_by_copy_after_corrections_and_retractions_writes_the_documents_the_inline_projections_wrote()
    {
        await app.ResetAsync();
        var client = app.CreateClient();
        var official = Journal.Slug("copy-official");
        await client.RegisterOfficialAsync(official, "Copy Official", "CN");
        var entries = new List<JsonElement>();
        for (var i = 0; i < 5; i++) entries.Add(await client.RecordVisitAsync(official, "RU", $"2020-0{i + 1}", $"Copy visit {i}"));
        // A daemon rebuild of the two projections now leaves Marten's progression rows behind, at this point of the log.
        using (var daemon = await app.Store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync<EntryProjection>(TimeSpan.FromMinutes(1), Ct);
            await daemon.RebuildProjectionAsync<EntryRevisionProjection>(TimeSpan.FromMinutes(1), Ct);
        }
        var progressionAfterDaemonRebuild = await ProgressionAsync();
        // An interrupted daemon rebuild leaves its row behind; the COPY rebuild must not leave it claiming a position.
        await Superuser.ExecuteAsync(database, $"insert into \"{app.Schema}\".mt_event_progression (name, last_seq_id) values ('{EntryViewsRebuild.ProgressionNames[1]}', 3)");
        var corrected = await client.CorrectedAsync(entries[0], new { date = "2020-01-15", city = "Kazan" }, "The date, from the ministry.");
        await client.CorrectedAsync(corrected, new { title = "Copy visit, twice corrected" }, "The title.");
        await client.RetractedAsync(await client.CorrectedAsync(entries[2], new { date = "2020-03~" }), "Never took place.");
        await client.RetractedAsync(entries[4]);
        var delivery = await client.PostCreatedAsync("/api/arms-deliveries", new
        {
            supplier = "RU", recipient = "CN", system = "S-400 Triumf", category = "airDefence", date = "2018",
            sources = new[] { Journal.Source("First S-400 regiment delivered", "TASS") },
        });
        await client.CorrectedAsync(delivery, new { date = "2018-05", quantity = 1 }, "First regiment set.");
        var inline = await DocumentsAsync();
        inline.Entries.Count.ShouldBe(6);
        inline.Revisions.Count.ShouldBe(2 + 2 + 1 + 1, "one revision per replaced version: two corrections, a correction and a retraction, a retraction, a correction");
        inline.Revisions.ShouldAllBe(r => !r.Contains("\"recorded_until\": null", StringComparison.Ordinal), "a revision is a replaced version, closed");

        // Two streams a page: streams of one, two and three events meet the page boundaries.
        var events = await EntryViewsRebuild.RebuildAsync(app.Store, app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), Ct, streamsPerPage: 2);

        events.ShouldBe(inline.Entries.Count + inline.Revisions.Count, "each event of an entry is its current version or a replaced one");
        ShouldBeTheSame(await DocumentsAsync(), inline);
        (await ProgressionAsync()).ShouldBe(progressionAfterDaemonRebuild, "Marten's bookkeeping as its own completed rebuild leaves it");
        var report = await (await client.PostAsync("/api/admin/rebuild", null, Ct)).ReadJsonAsync();
        report.GetProperty("events").GetInt64().ShouldBe(await app.EventCountAsync());
        ShouldBeTheSame(await DocumentsAsync(), inline);
    }

    /// <summary>Marten's progression rows other than the high-water marks (which move with every write): name and position.</summary>
    private async Task<string> ProgressionAsync() => await Superuser.ScalarAsync<string>(database,
        $"select coalesce(string_agg(name || '=' || coalesce(last_seq_id, -1), ', ' order by name), '') from \"{app.Schema}\".mt_event_progression where name not like 'HighWater%' and name <> 'AuditChain:All'");

    [Fact]
    public async Task A_batch_that_fails_before_its_commit_leaves_neither_its_events_nor_its_documents_and_a_second_load_completes_the_file()
    {
        // A store of its own: the audit chain is checked at the end, and a reset store's chain restarts from nothing.
        await using var app = new TimelineApp(database);
        await app.InitializeAsync();
        var file = SeedFile(visits: 12);
        var failing = EntryIds.FromSeedKey("copy-visit-7").ToString("D");
        var s = app.Schema;
        // A failure inside the batch's transaction after its events were written: the entries' COPY is the last write.
        await Superuser.ExecuteAsync(database, $$"""
            create function "{{s}}".copy_test_fail() returns trigger language plpgsql as $$ begin raise exception 'forced failure of the batch'; end $$;
            create trigger copy_test_fail before insert on "{{s}}".mt_doc_timelineentry for each row when (new.id = '{{failing}}') execute function "{{s}}".copy_test_fail();
            """);
        var loader = app.Services.GetRequiredService<SeedLoader>();
        loader.BatchSize = 5;
        var path = await WriteAsync(file);

        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => loader.LoadAsync(path, Ct));

        error.MessageText.ShouldBe("forced failure of the batch");
        var streams = await Superuser.ScalarAsync<long>(database, $"select count(*) from \"{s}\".mt_streams where type <> 'official'");
        streams.ShouldBe(5, "the first batch (visits 0-4) committed; the second, holding visit 7, wrote nothing; the rest was never reached");
        (await Superuser.ScalarAsync<long>(database, $"select count(*) from \"{s}\".mt_events where stream_id = '{failing}'")).ShouldBe(0);
        await ShouldHaveDocumentsForEveryEventAsync(app.Schema);

        await Superuser.ExecuteAsync(database, $"drop trigger copy_test_fail on \"{s}\".mt_doc_timelineentry");
        var again = await loader.LoadAsync(path, Ct);

        again.AlreadyPresent.ShouldBe(4 + 2 + 5, "officials, offices and the first batch's visits");
        again.Added.ShouldBe(12 - 5 + 2);
        await ShouldHaveDocumentsForEveryEventAsync(app.Schema);
        // The failed batch's sequence numbers are a gap in the log; the chain steps over it and still verifies.
        var auditor = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);
        var head = await auditor.WaitForChainAsync();
        head.EventsChained.ShouldBe(await app.EventCountAsync());
        (await auditor.GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    private async Task ShouldHaveDocumentsForEveryEventAsync(string s)
    {
        (await Superuser.ScalarAsync<long>(database, $"""
            select count(*) from "{s}".mt_streams st where st.type <> 'official'
              and not exists (select 1 from "{s}".mt_doc_timelineentry d where d.id = st.id)
            """)).ShouldBe(0, "every entry stream has its entry");
        (await Superuser.ScalarAsync<long>(database, $"""
            select count(*) from "{s}".mt_events e join "{s}".mt_streams st on st.id = e.stream_id where st.type <> 'official'
              and e.version < st.version
              and not exists (select 1 from "{s}".mt_doc_entryrevision r where r.id = e.stream_id || ':' || e.version)
            """)).ShouldBe(0, "every replaced version has its revision");
        (await Superuser.ScalarAsync<long>(database, $"""
            select count(*) from "{s}".mt_doc_entryrevision r
             where not exists (select 1 from "{s}".mt_streams st where r.id = st.id || ':' || (r.data ->> 'streamVersion') and st.version > (r.data ->> 'streamVersion')::bigint)
            """)).ShouldBe(0, "no revision of a version still current, none without its stream");
        (await Superuser.ScalarAsync<long>(database, $"""
            select count(*) from "{s}".mt_doc_timelineentry d where not exists (select 1 from "{s}".mt_streams st where st.id = d.id)
            """)).ShouldBe(0, "no entry without its stream");
    }

    [Fact]
    public async Task The_audit_chain_covers_every_event_of_a_bulk_seed_and_verifies()
    {
        await using var app = new TimelineApp(database);
        await app.InitializeAsync();
        var loader = app.Services.GetRequiredService<SeedLoader>();
        loader.BatchSize = 4;
        await loader.LoadAsync(await WriteAsync(SeedFile(visits: 9)), Ct);

        var auditor = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);
        var head = await auditor.WaitForChainAsync();

        head.EventsChained.ShouldBe(await app.EventCountAsync());
        var verify = await auditor.GetAsync("/api/audit/verify", Ct);
        await verify.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await verify.ReadJsonAsync()).GetProperty("valid").GetBoolean().ShouldBeTrue();
        var exported = AuditTrail.Lines(await auditor.ExportAsync());
        exported.Count.ShouldBe((int)await app.EventCountAsync());
        exported.ShouldAllBe(line => line.GetProperty("recordedBy").GetString() == "seed");
        exported.Select(line => line.GetProperty("correlationId").GetString()).Distinct().Count().ShouldBe(1, "one load, one correlation id");
        exported.Count(line => line.GetProperty("type").GetString() == "visit_recorded").ShouldBe(9);
    }
}
