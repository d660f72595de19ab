using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// GET /api/entries/{id}/history: every stored event of the entry in order, who recorded it and when, what each
/// correction changed (before and after), and the entry as it stood after each event.
/// </summary>
public sealed class EntryHistoryTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonNode? Node(JsonElement element) => JsonNode.Parse(element.GetRawText());

    private static void ShouldBeJson(JsonElement actual, string expected) =>
        JsonNode.DeepEquals(Node(actual), JsonNode.Parse(expected)).ShouldBeTrue($"expected {expected}\nbut was {actual.GetRawText()}");

    [Fact]
    public async Task The_history_lists_every_event_in_order_with_who_recorded_it_when_and_what_each_correction_changed()
    {
        var official = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        using var record = new HttpRequestMessage(HttpMethod.Post, "/api/visits")
        {
            Content = JsonContent.Create(new
            {
                officialIds = new[] { official }, hostCountry = "RU", date = "2018-04", title = "Wei Fenghe visits Russia",
                sources = new[] { new { title = "Moscow Meetings Highlight Deepening Sino-Russian Defense Ties", publisher = "China-US Focus" } },
            }),
        };
        record.Headers.Add("X-Correlation-Id", "record-wei-visit");
        var recorded = await (await _client.SendAsync(record, Ct)).ReadJsonAsync();
        var id = Journal.Id(recorded);
        var ministry = new { title = "Defence ministers meet in Moscow", publisher = "Ministry of National Defense" };

        var first = await _client.CorrectAsync(id, "\"1\"", new
        {
            changes = new { date = "2018-04-03", city = "Moscow" }, reason = "The ministry's release gives the day and the city.", sources = new[] { ministry },
        }, correlationId: "fix-day-and-city");
        await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var second = await _client.CorrectAsync(id, "\"2\"", new
        {
            changes = new { title = "Wei Fenghe visits Moscow" }, reason = "Name the city in the title.", sources = new[] { ministry },
        }, correlationId: "fix-title");
        await second.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var retraction = await _client.RetractAsync(id, "\"3\"", "Duplicate of another entry.", correlationId: "retract-duplicate");
        await retraction.ShouldHaveStatusAsync(HttpStatusCode.Created);

        var history = await _client.GetJsonAsync($"/api/entries/{id}/history");

        history.GetProperty("entryId").GetString().ShouldBe(id);
        var items = history.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("version").GetInt64()).ShouldBe([1L, 2L, 3L, 4L]);
        items.Select(i => i.GetProperty("type").GetString()).ShouldBe(["visit_recorded", "visit_corrected", "visit_corrected", "visit_retracted"]);
        var sequences = items.Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        sequences.ShouldBe(sequences.Order().Distinct(), "sequences increase: the order the log holds");
        var times = items.Select(i => i.GetProperty("recordedAt").GetDateTimeOffset()).ToList();
        times.Zip(times.Skip(1)).ShouldAllBe(pair => pair.First < pair.Second, "each event was recorded after the one before");
        times[0].ShouldBe(recorded.GetProperty("recordedAt").GetDateTimeOffset());
        items.Select(i => i.GetProperty("recordedBy").GetString()).ShouldAllBe(by => by == TestKeys.Editor.Name);
        items.Select(i => i.GetProperty("correlationId").GetString()).ShouldBe(["record-wei-visit", "fix-day-and-city", "fix-title", "retract-duplicate"]);

        items[0].GetProperty("changes").ValueKind.ShouldBe(JsonValueKind.Null);
        items[0].GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        items[0].GetProperty("data").GetProperty("date").GetString().ShouldBe("2018-04");
        items[0].GetProperty("data").GetProperty("title").GetString().ShouldBe("Wei Fenghe visits Russia");

        items[1].GetProperty("reason").GetString().ShouldBe("The ministry's release gives the day and the city.");
        var changes = items[1].GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        changes.Keys.ShouldBe(["date", "city", "sources"], ignoreOrder: true);
        ShouldBeJson(changes["date"], """{"field": "date", "before": "2018-04", "after": "2018-04-03"}""");
        ShouldBeJson(changes["city"], """{"field": "city", "before": null, "after": "Moscow"}""");
        changes["sources"].GetProperty("before").EnumerateArray().Select(s => s.GetProperty("publisher").GetString()).ShouldBe(["China-US Focus"]);
        changes["sources"].GetProperty("after").EnumerateArray().Select(s => s.GetProperty("publisher").GetString())
            .ShouldBe(["China-US Focus", "Ministry of National Defense"]);

        items[2].GetProperty("reason").GetString().ShouldBe("Name the city in the title.");
        ShouldBeJson(items[2].GetProperty("changes"), """[{"field": "title", "before": "Wei Fenghe visits Russia", "after": "Wei Fenghe visits Moscow"}]""");

        items[3].GetProperty("reason").GetString().ShouldBe("Duplicate of another entry.");
        items[3].GetProperty("changes").ValueKind.ShouldBe(JsonValueKind.Null);

        items.Select(i => (Journal.Status(i.GetProperty("entry")), Journal.Version(i.GetProperty("entry")), Journal.Edtf(i.GetProperty("entry")),
                i.GetProperty("entry").GetProperty("title").GetString()))
            .ShouldBe([
                ("active", 1L, "2018-04", "Wei Fenghe visits Russia"),
                ("corrected", 2L, "2018-04-03", "Wei Fenghe visits Russia"),
                ("corrected", 3L, "2018-04-03", "Wei Fenghe visits Moscow"),
                ("retracted", 4L, "2018-04-03", "Wei Fenghe visits Moscow"),
            ]);
    }

    [Fact]
    public async Task Each_version_in_the_history_is_the_entry_that_asOf_its_recorded_instant_answers()
    {
        var official = Journal.Slug("wang-yi");
        await _client.RegisterOfficialAsync(official, "Wang Yi", "CN");
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wang Yi in Moscow");
        var corrected = await _client.CorrectedAsync(visit, new { date = "2018-04-05" });
        await _client.CorrectedAsync(corrected, new { city = "Moscow", visitType = "official" });
        var id = Journal.Id(visit);

        var items = (await _client.GetJsonAsync($"/api/entries/{id}/history")).GetProperty("items").EnumerateArray().ToList();

        items.Count.ShouldBe(3);
        foreach (var item in items)
        {
            var at = RecordedInstant.Query(item.GetProperty("recordedAt").GetDateTimeOffset());
            var asOf = await _client.GetJsonAsync($"/api/entries/{id}?asOf={at}");
            JsonNode.DeepEquals(Node(item.GetProperty("entry")), Node(asOf))
                .ShouldBeTrue($"version {item.GetProperty("version")}: history says {item.GetProperty("entry")} but asOf says {asOf}");
        }
        JsonNode.DeepEquals(Node(items[^1].GetProperty("entry")), Node(await _client.GetJsonAsync($"/api/entries/{id}"))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_correction_that_moves_a_visit_shows_the_visitors_before_and_after()
    {
        var wrong = Journal.Slug("wei-fenghe");
        var right = Journal.Slug("wang-yi");
        await _client.RegisterOfficialAsync(wrong, "Wei Fenghe", "CN");
        await _client.RegisterOfficialAsync(right, "Wang Yi", "CN");
        var visit = await _client.RecordVisitAsync(wrong, "RU", "2018-04", "Visit to Moscow");

        await _client.CorrectedAsync(visit, new { officialIds = new[] { right } }, "It was the foreign minister.");

        var correction = (await _client.GetJsonAsync($"/api/entries/{Journal.Id(visit)}/history")).GetProperty("items")[1];
        var change = correction.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "officialIds");
        ShouldBeJson(change, $$"""{"field": "officialIds", "before": ["{{wrong}}"], "after": ["{{right}}"]}""");
    }

    [Fact]
    public async Task The_history_of_an_unknown_entry_is_404_and_of_a_malformed_id_400()
    {
        await (await _client.GetAsync($"/api/entries/{Guid.NewGuid()}/history", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/entries/wei-fenghe-moscow/history", Ct)).ShouldRejectFieldsAsync("id");
    }
}
