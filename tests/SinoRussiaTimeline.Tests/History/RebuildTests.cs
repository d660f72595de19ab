using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Audit;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// The views are derived from the log: POST /api/admin/rebuild replays every event into every projection, and every
/// view a reader can ask for answers byte for byte what it answered before.
/// </summary>
public sealed class RebuildTests(SeededTimelineApp app, TestDatabase database) : IClassFixture<SeededTimelineApp>
{
    // Writes and reads the audit routes: a key with both roles.
    private readonly HttpClient _client = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// On top of the seed: corrections of every kind, a visit moved to another official, a retraction, an office that
    /// changes a first-trip answer. Returns an instant between the writes, for the asOf views.
    /// </summary>
    private async Task<DateTimeOffset> EditTheSeedAsync()
    {
        // Once per fixture: the tests of a class run one after the other and share its store.
        if (Edited.TryGetValue(app.Schema, out var done)) return done;
        return Edited[app.Schema] = await EditAsync();
    }

    private static readonly Dictionary<string, DateTimeOffset> Edited = [];

    private async Task<DateTimeOffset> EditAsync()
    {
        var timeline = (await _client.GetJsonAsync("/api/timeline?limit=500")).GetProperty("items").EnumerateArray().ToList();
        JsonElement Visit(string official) => timeline.First(e => Journal.Status(e) != "retracted"
            && e.GetProperty("officials").EnumerateArray().Any(o => o.GetProperty("id").GetString() == official && o.GetProperty("role").GetString() == "visitor"));

        await _client.CorrectedAsync(Visit("wang-qishan"), new { date = "2018-05-24/2018-05-26", city = "Saint Petersburg" }, "The forum's dates.");
        var instant = await RecordedInstant.BetweenWritesAsync();
        await _client.RetractedAsync(Visit("jim-mattis"), "Out of scope: not a China-Russia event.");
        await _client.CorrectedAsync(Visit("wang-yi"), new { officialIds = new[] { "wei-fenghe" }, title = "Wei Fenghe's second Moscow meeting" }, "Misattributed.");
        await _client.RecordOfficeAsync("wang-yi", "Minister of Foreign Affairs", "2013-03-16");
        var delivery = await _client.PostCreatedAsync("/api/arms-deliveries", new
        {
            supplier = "RU", recipient = "CN", system = "S-400 Triumf", category = "airDefence", date = "2018",
            sources = new[] { Journal.Source("First S-400 regiment delivered", "TASS") },
        });
        await _client.CorrectedAsync(delivery, new { date = "2018-05", quantity = 1 }, "First regiment set.");
        var statement = await _client.PostCreatedAsync("/api/joint-statements", new
        {
            countries = new[] { "CN", "RU" }, signatoryIds = new[] { "xi-jinping", "vladimir-putin" }, title = "Joint statement", date = "2018-06",
            sources = new[] { Journal.Source("Joint statement", "Kremlin") },
        });
        await _client.RetractedAsync(await _client.CorrectedAsync(statement, new { date = "2018-06-08" }), "Not a joint statement but a press release.");
        return instant;
    }

    /// <summary>Every view a reader can ask for, route by route, with the ETag where the route gives one.</summary>
    private async Task<SortedDictionary<string, string>> ViewsAsync(DateTimeOffset instant)
    {
        var asOf = RecordedInstant.Query(instant);
        var routes = new List<string>
        {
            "/api/timeline?includeRetracted=true&limit=500", "/api/timeline?limit=500", "/api/timeline?countries=CN,RU&order=desc&limit=500",
            $"/api/timeline?includeRetracted=true&limit=500&asOf={asOf}",
            "/api/first-overseas-trips", "/api/first-overseas-trips?country=CN&destination=RU", $"/api/first-overseas-trips?asOf={asOf}",
            "/api/officials?limit=500",
        };
        var entries = (await _client.GetJsonAsync("/api/timeline?includeRetracted=true&limit=500")).GetProperty("items").EnumerateArray().Select(Journal.Id);
        foreach (var id in entries)
            routes.AddRange([$"/api/entries/{id}", $"/api/entries/{id}/history", $"/api/entries/{id}?asOf={asOf}"]);
        var officials = (await _client.GetJsonAsync("/api/officials?limit=500")).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString());
        foreach (var id in officials)
            routes.AddRange([$"/api/officials/{id}", $"/api/officials/{id}/itinerary", $"/api/officials/{id}/first-overseas-trips", $"/api/officials/{id}/itinerary?asOf={asOf}"]);

        var views = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var response = await _client.GetAsync(route, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            // A problem carries the request's own trace and correlation ids; what it says is its detail.
            if (response.StatusCode != HttpStatusCode.OK) body = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
            views[route] = $"{(int)response.StatusCode} ETag={response.Headers.ETag?.Tag}\n{body}";
        }
        return views;
    }

    private async Task<JsonElement> RebuildAsync()
    {
        var response = await _client.PostAsync("/api/admin/rebuild", null, Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    private static void ShouldBeTheSame(SortedDictionary<string, string> after, SortedDictionary<string, string> before)
    {
        after.Keys.ShouldBe(before.Keys);
        foreach (var (route, view) in before)
            after[route].ShouldBe(view, $"{route} changed in the rebuild");
    }

    [Fact]
    public async Task After_a_rebuild_every_view_answers_byte_for_byte_what_it_answered_before()
    {
        var instant = await EditTheSeedAsync();
        var before = await ViewsAsync(instant);
        before.Count.ShouldBeGreaterThan(40);
        before.Where(v => !v.Key.Contains("asOf", StringComparison.Ordinal)).ShouldAllBe(v => v.Value.StartsWith("200 ", StringComparison.Ordinal));
        before.Where(v => v.Key.Contains("asOf", StringComparison.Ordinal)).ShouldContain(v => v.Value.StartsWith("200 ", StringComparison.Ordinal));

        var report = await RebuildAsync();

        report.GetProperty("projections").EnumerateArray().Select(p => p.GetString())
            .ShouldBe(["OfficialProjection", "EntryProjection", "EntryRevisionProjection"]);
        report.GetProperty("events").GetInt64().ShouldBe(await app.EventCountAsync());
        ShouldBeTheSame(await ViewsAsync(instant), before);
    }

    [Fact]
    public async Task A_rebuild_restores_views_damaged_in_the_database_from_the_log()
    {
        var instant = await EditTheSeedAsync();
        var before = await ViewsAsync(instant);
        var s = app.Schema;
        await Superuser.ExecuteAsync(database, $$"""
            delete from "{{s}}".mt_doc_timelineentry where id = (select min(id) from "{{s}}".mt_doc_timelineentry);
            delete from "{{s}}".mt_doc_entryrevision;
            update "{{s}}".mt_doc_official set data = jsonb_set(data, '{names,en}', '"Someone else"'::jsonb);
            """);
        var damaged = await ViewsAsync(instant);
        damaged.Count(v => v.Value != before.GetValueOrDefault(v.Key)).ShouldBeGreaterThan(10, "the damage shows in the views");

        await RebuildAsync();

        ShouldBeTheSame(await ViewsAsync(instant), before);
    }

    [Fact]
    public async Task After_a_rebuild_the_store_takes_new_corrections_and_the_chain_still_verifies()
    {
        await RebuildAsync();
        var official = Journal.Slug("li-shangfu");
        await _client.RegisterOfficialAsync(official, "Li Shangfu", "CN");
        await _client.RecordOfficeAsync(official, "Minister of National Defense", "2023-03-12");
        var visit = await _client.RecordVisitAsync(official, "RU", "2023-04", "Li Shangfu in Moscow");

        var corrected = await _client.CorrectedAsync(visit, new { date = "2023-04-16/2023-04-19" });

        (Journal.Status(corrected), Journal.Version(corrected)).ShouldBe(("corrected", 2L));
        Journal.Id((await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0].GetProperty("trip")).ShouldBe(Journal.Id(visit));
        var head = await _client.WaitForChainAsync();
        (await _client.GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean().ShouldBeTrue();
        (await AuditTrail.VerifyOfflineAsync(await _client.ExportAsync(), head.Hash, AuditChain.Genesis)).Valid.ShouldBeTrue();
    }
}
