using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Tests.Support;
using Weasel.Core;

namespace SinoRussiaTimeline.Tests.Timeline;

/// <summary>
/// The countries and officials filters read the entries' and revisions' text[] columns (Timeline/EntryArrayFilters.cs).
/// A store written before those columns existed is upgraded at start-up and answers every filter as it did; the asOf
/// page answers a filter on several countries exactly as the current page does, and as the entries themselves say.
/// </summary>
public sealed class EntryArrayColumnsTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>, IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly string[] EntryTables = ["mt_doc_timelineentry", "mt_doc_entryrevision"];

    /// <summary>
    /// Two CN officials, a RU and a KZ one; visits between the three countries, a three-country joint statement, an arms
    /// delivery, a retraction; one visit to Kazakhstan corrected to Russia after <c>Before</c>.
    /// </summary>
    private sealed record Recorded(
        string WangYi, string WeiFenghe, string Shoigu, DateTimeOffset Before,
        string WangToMoscow, string WeiToAstanaThenMoscow, string ShoiguToBeijing, string Statement, string Delivery, string Retracted);

    private async Task<Recorded> RecordAsync()
    {
        var wang = await Given.OfficialAsync("Wang Yi", "CN");
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var shoigu = await Given.OfficialAsync("Sergei Shoigu", "RU");
        var tokayev = await Given.OfficialAsync("Kassym-Jomart Tokayev", "KZ");

        var wangToMoscow = (await Given.VisitAsync(wang, "RU", "2018-04-03")).Id();
        var weiToAstana = await Given.VisitAsync(wei, "KZ", "2018-04");
        var shoiguToBeijing = (await Given.VisitAsync([shoigu], "CN", "2018-05-10", with: v => v["hostOfficialIds"] = new System.Text.Json.Nodes.JsonArray(wei))).Id();
        var statement = (await Given.JointStatementAsync(["CN", "RU", "KZ"], "2018-06", [wang, shoigu, tokayev])).Id();
        var delivery = (await Given.ArmsDeliveryAsync("RU", "CN", "2018")).Id();
        var retracted = await _client.RetractedAsync(await Given.VisitAsync(wang, "RU", "2018-07-01"));
        await Given.VisitAsync(tokayev, "RU", "2018-08-01");

        var before = await RecordedInstant.BetweenWritesAsync();
        await _client.CorrectedAsync(weiToAstana, new { hostCountry = "RU" }, "The talks were held in Moscow.");
        return new Recorded(wang, wei, shoigu, before, wangToMoscow, weiToAstana.Id(), shoiguToBeijing, statement, delivery, retracted.Id());
    }

    [Fact]
    public async Task The_asOf_page_and_the_current_page_answer_a_filter_on_several_countries_as_the_entries_say()
    {
        var j = await RecordAsync();
        var now = RecordedInstant.Query(await RecordedInstant.BetweenWritesAsync());
        var then = RecordedInstant.Query(j.Before);

        // Every entry involving all the asked countries, in the timeline's order, and nothing else.
        var current = await _client.GetOkJsonAsync("/api/timeline?limit=500");
        foreach (var countries in new[] { "CN,RU", "RU,CN", "CN,RU,KZ", "KZ", "CN,KZ" })
        {
            var asked = countries.Split(',');
            var expected = current.GetProperty("items").EnumerateArray()
                .Where(e => asked.All(c => e.GetProperty("countries").EnumerateArray().Any(x => x.GetString() == c)))
                .Select(e => e.Id()).ToList();
            var page = await _client.GetOkJsonAsync($"/api/timeline?limit=500&countries={countries}");
            page.ItemIds().ShouldBe(expected, $"countries={countries}");
            var asOfNow = await _client.GetOkJsonAsync($"/api/timeline?limit=500&countries={countries}&asOf={now}");
            asOfNow.ItemIds().ShouldBe(expected, $"countries={countries} as of now");
        }

        (await _client.GetOkJsonAsync("/api/timeline?limit=500&countries=CN,RU")).ItemIds()
            .ShouldBe([j.Delivery, j.WeiToAstanaThenMoscow, j.WangToMoscow, j.ShoiguToBeijing, j.Statement], "2018, April 2018, then its days");
        // Before the correction, Wei Fenghe's visit was to Kazakhstan: the revisions of then say so.
        (await _client.GetOkJsonAsync($"/api/timeline?limit=500&countries=CN,RU&asOf={then}")).ItemIds()
            .ShouldBe([j.Delivery, j.WangToMoscow, j.ShoiguToBeijing, j.Statement]);
        (await _client.GetOkJsonAsync($"/api/timeline?limit=500&countries=CN,KZ&asOf={then}")).ItemIds()
            .ShouldBe([j.WeiToAstanaThenMoscow, j.Statement]);
        (await _client.GetOkJsonAsync("/api/timeline?limit=500&countries=CN,KZ")).ItemIds().ShouldBe([j.Statement]);
    }

    [Fact]
    public async Task A_store_written_before_the_columns_existed_is_upgraded_at_start_and_answers_every_filter_as_before()
    {
        var j = await RecordAsync();
        var routes = FilteredRoutes(j);
        var answers = new Dictionary<string, string>();
        foreach (var route in routes) answers[route] = (await _client.GetOkJsonAsync(route)).GetRawText();

        await DowngradeToTheShapeBeforeTheColumnsAsync();

        // A new build starting on that store: the same schema, a host of its own.
        await using var upgraded = app.WithWebHostBuilder(_ => { });
        var client = upgraded.CreateClient();
        foreach (var route in routes)
        {
            var answer = await client.GetOkJsonAsync(route);
            answer.GetRawText().ShouldBe(answers[route], route);
        }

        (await client.GetOkJsonAsync($"/api/timeline?limit=500&officialId={j.WeiFenghe}")).ItemIds()
            .ShouldBe([j.WeiToAstanaThenMoscow, j.ShoiguToBeijing], "his visit and the visit he hosted");
        (await client.GetOkJsonAsync($"/api/timeline?limit=500&countries=CN,RU,KZ&asOf={RecordedInstant.Query(j.Before)}")).ItemIds()
            .ShouldBe([j.Statement]);
        foreach (var table in EntryTables)
        {
            (await Superuser.ScalarAsync<long>(database, $"select count(*) from \"{app.Schema}\".{table} where countries is null or official_ids is null"))
                .ShouldBe(0, $"{table}: every row written before the upgrade has its columns");
            (await Superuser.ScalarAsync<long>(database, $"select count(*) from pg_indexes where schemaname = '{app.Schema}' and tablename = '{table}' and indexname = '{table}_idx_data'"))
                .ShouldBe(0, $"{table}: the whole-document index every write paid for is gone");
        }

        // The upgrade leaves exactly what Marten declares, so Marten has nothing to redo at this or any later start; and
        // it runs once.
        await DowngradeToTheShapeBeforeTheColumnsAsync();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        (await EntryArrayColumnsUpgrade.ApplyAsync(dataSource, app.Schema, Ct)).ShouldBe(EntryTables);
        (await app.Store.Storage.Database.CreateMigrationAsync(Ct)).Difference.ShouldBe(SchemaPatchDifference.None);
        (await EntryArrayColumnsUpgrade.ApplyAsync(dataSource, app.Schema, Ct)).ShouldBeEmpty();

        // Written after the upgrade, found by the same filters.
        var later = (await Given.VisitAsync(j.WeiFenghe, "KZ", "2019-01-15")).Id();
        (await client.GetOkJsonAsync($"/api/timeline?limit=500&countries=KZ&officialId={j.WeiFenghe}")).ItemIds().ShouldBe([later]);
    }

    // The shape an earlier build left: no columns, a b-tree on each array's JSON and a GIN index on the whole document.
    private async Task DowngradeToTheShapeBeforeTheColumnsAsync()
    {
        foreach (var table in EntryTables)
        {
            var t = $"\"{app.Schema}\".{table}";
            await Superuser.ExecuteAsync(database, $"""
                drop index "{app.Schema}".{table}_idx_countries; drop index "{app.Schema}".{table}_idx_official_ids;
                alter table {t} drop column countries, drop column official_ids;
                create index {table}_idx_countries on {t} (((data ->> 'countries')::jsonb));
                create index {table}_idx_official_ids on {t} (((data ->> 'officialIds')::jsonb));
                create index {table}_idx_data on {t} using gin (data jsonb_path_ops);
                """);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every route whose answer depends on an entry's countries or officials, current and asOf.</summary>
    private static List<string> FilteredRoutes(Recorded j)
    {
        var then = RecordedInstant.Query(j.Before);
        var routes = new List<string>();
        foreach (var asOf in new[] { "", $"asOf={then}" })
        {
            string And(string query) => asOf == "" ? query : $"{query}&{asOf}";
            routes.AddRange(
            [
                "/api/timeline?" + And("limit=500&countries=CN,RU"),
                "/api/timeline?" + And("limit=500&countries=KZ,CN,RU"),
                "/api/timeline?" + And("limit=500&countries=KZ&includeRetracted=true"),
                "/api/timeline?" + And($"limit=500&officialId={j.WangYi}&includeRetracted=true"),
                "/api/timeline?" + And($"limit=500&officialId={j.Shoigu}"),
                "/api/timeline?" + And("limit=500&q=shoigu"),
                "/api/timeline/stats?" + And("countries=CN,RU"),
                $"/api/officials/{j.WangYi}/itinerary?{asOf}",
                $"/api/officials/{j.WeiFenghe}/itinerary?{asOf}",
                $"/api/officials/{j.WeiFenghe}/first-overseas-trips?{asOf}",
                "/api/first-overseas-trips?" + And("country=CN"),
            ]);
        }
        return routes;
    }
}
