using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// asOf on the recorded clock: every view answers as the service would have answered at that instant; corrections after
/// it are ignored and entries recorded after it are absent.
/// </summary>
public sealed class TimeTravelTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string At(DateTimeOffset instant) => RecordedInstant.Query(instant);

    private async Task<string> MinisterAsync()
    {
        var official = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        await _client.RecordOfficeAsync(official, "Minister of National Defense", "2018-03-19");
        return official;
    }

    private async Task<List<string>> TimelineAsync(string official, string asOf, bool includeRetracted = false) =>
        (await _client.GetJsonAsync($"/api/timeline?officialId={official}&asOf={asOf}{(includeRetracted ? "&includeRetracted=true" : "")}"))
        .GetProperty("items").EnumerateArray().Select(i => $"{Journal.Id(i)} {Journal.Edtf(i)} {Journal.Status(i)}").ToList();

    private async Task<List<string>> ItineraryAsync(string official, string asOf) =>
        (await _client.GetJsonAsync($"/api/officials/{official}/itinerary?asOf={asOf}"))
        .GetProperty("visits").EnumerateArray().Select(i => $"{Journal.Id(i)} {Journal.Edtf(i)} {Journal.Status(i)}").ToList();

    private async Task<JsonElement> FirstTripAsync(string official, string asOf) =>
        (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips?asOf={asOf}")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();

    private async Task<List<string?>> FirstToAsync(string destination, string asOf) =>
        (await _client.GetJsonAsync($"/api/first-overseas-trips?country=CN&destination={destination}&asOf={asOf}"))
        .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("official").GetProperty("id").GetString()).ToList();

    [Fact]
    public async Task AsOf_before_a_correction_answers_the_old_value_and_after_it_the_new_one_in_every_view()
    {
        var official = await MinisterAsync();
        var moscow = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow", "Moscow");
        var minsk = await _client.RecordVisitAsync(official, "BY", "2018-05", "Wei Fenghe in Minsk", "Minsk");
        var (a, b) = (Journal.Id(moscow), Journal.Id(minsk));
        var before = At(await RecordedInstant.BetweenWritesAsync());
        await _client.CorrectedAsync(moscow, new { date = "2018-06" }, "The Moscow visit was in June.");
        var after = At(await RecordedInstant.BetweenWritesAsync());

        var then = await _client.GetAsync($"/api/entries/{a}?asOf={before}", Ct);
        await then.ShouldHaveStatusAsync(HttpStatusCode.OK);
        then.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var old = await then.ReadJsonAsync();
        (Journal.Edtf(old), Journal.Status(old), Journal.Version(old)).ShouldBe(("2018-04", "active", 1L));
        old.GetProperty("sources").GetArrayLength().ShouldBe(1, "the source cited by the correction came later");
        var now = await _client.GetJsonAsync($"/api/entries/{a}?asOf={after}");
        (Journal.Edtf(now), Journal.Status(now), Journal.Version(now)).ShouldBe(("2018-06", "corrected", 2L));

        (await TimelineAsync(official, before)).ShouldBe([$"{a} 2018-04 active", $"{b} 2018-05 active"]);
        (await TimelineAsync(official, after)).ShouldBe([$"{b} 2018-05 active", $"{a} 2018-06 corrected"]);

        (await ItineraryAsync(official, before)).ShouldBe([$"{a} 2018-04 active", $"{b} 2018-05 active"]);
        (await ItineraryAsync(official, after)).ShouldBe([$"{b} 2018-05 active", $"{a} 2018-06 corrected"]);

        var firstThen = await FirstTripAsync(official, before);
        (Journal.Id(firstThen.GetProperty("trip")), Journal.Edtf(firstThen.GetProperty("trip"))).ShouldBe((a, "2018-04"));
        Journal.Id((await FirstTripAsync(official, after)).GetProperty("trip")).ShouldBe(b);

        (await FirstToAsync("RU", before)).ShouldContain(official);
        (await FirstToAsync("RU", after)).ShouldNotContain(official);
        (await FirstToAsync("BY", before)).ShouldNotContain(official);
        (await FirstToAsync("BY", after)).ShouldContain(official);
    }

    [Fact]
    public async Task AsOf_before_an_entry_was_recorded_the_entry_is_404_and_absent_from_every_view()
    {
        var official = await MinisterAsync();
        var beforeVisit = At(await RecordedInstant.BetweenWritesAsync());
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var afterVisit = At(await RecordedInstant.BetweenWritesAsync());
        var id = Journal.Id(visit);

        var missing = await _client.GetAsync($"/api/entries/{id}?asOf={beforeVisit}", Ct);
        (await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("had been recorded");
        (await TimelineAsync(official, beforeVisit)).ShouldBeEmpty();
        (await ItineraryAsync(official, beforeVisit)).ShouldBeEmpty();
        var none = await FirstTripAsync(official, beforeVisit);
        none.GetProperty("trip").ValueKind.ShouldBe(JsonValueKind.Null);
        (await FirstToAsync("RU", beforeVisit)).ShouldNotContain(official);

        Journal.Id(await _client.GetJsonAsync($"/api/entries/{id}?asOf={afterVisit}")).ShouldBe(id);
        (await TimelineAsync(official, afterVisit)).ShouldBe([$"{id} 2018-04 active"]);
        (await ItineraryAsync(official, afterVisit)).ShouldBe([$"{id} 2018-04 active"]);
        Journal.Id((await FirstTripAsync(official, afterVisit)).GetProperty("trip")).ShouldBe(id);
    }

    [Fact]
    public async Task AsOf_before_an_official_or_an_office_was_recorded_they_are_not_known()
    {
        var beforeOfficial = At(await RecordedInstant.BetweenWritesAsync());
        var official = Journal.Slug("wang-qishan");
        await _client.RegisterOfficialAsync(official, "Wang Qishan", "CN");
        await _client.RecordVisitAsync(official, "RU", "2018-05", "Wang Qishan in St Petersburg");
        var beforeOffice = At(await RecordedInstant.BetweenWritesAsync());
        await _client.RecordOfficeAsync(official, "Vice President", "2018-03-17");

        await (await _client.GetAsync($"/api/officials/{official}/itinerary?asOf={beforeOfficial}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/officials/{official}/first-overseas-trips?asOf={beforeOfficial}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips?asOf={beforeOffice}")).GetProperty("items").GetArrayLength()
            .ShouldBe(0, "no office had been recorded, so there was no first trip in office to answer");
        (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AsOf_across_a_retraction_shows_the_entry_before_it_and_only_flagged_after_it()
    {
        var official = await MinisterAsync();
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var id = Journal.Id(visit);
        var before = At(await RecordedInstant.BetweenWritesAsync());
        await _client.RetractedAsync(visit);
        var after = At(await RecordedInstant.BetweenWritesAsync());

        (await TimelineAsync(official, before)).ShouldBe([$"{id} 2018-04 active"]);
        (await ItineraryAsync(official, before)).ShouldBe([$"{id} 2018-04 active"]);
        Journal.Id((await FirstTripAsync(official, before)).GetProperty("trip")).ShouldBe(id);

        (await TimelineAsync(official, after)).ShouldBeEmpty();
        (await TimelineAsync(official, after, includeRetracted: true)).ShouldBe([$"{id} 2018-04 retracted"]);
        (await ItineraryAsync(official, after)).ShouldBeEmpty();
        (await FirstTripAsync(official, after)).GetProperty("trip").ValueKind.ShouldBe(JsonValueKind.Null);
        Journal.Status(await _client.GetJsonAsync($"/api/entries/{id}?asOf={after}")).ShouldBe("retracted");
        Journal.Status(await _client.GetJsonAsync($"/api/entries/{id}?asOf={before}")).ShouldBe("active");
    }

    [Fact]
    public async Task AsOf_the_very_microsecond_of_a_recorded_event_includes_it_and_one_microsecond_earlier_does_not()
    {
        var official = await MinisterAsync();
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        await _client.CorrectedAsync(visit, new { date = "2018-04-03" });
        var id = Journal.Id(visit);
        var history = (await _client.GetJsonAsync($"/api/entries/{id}/history")).GetProperty("items");
        var recorded = history[0].GetProperty("recordedAt").GetDateTimeOffset();
        var corrected = history[1].GetProperty("recordedAt").GetDateTimeOffset();
        var microsecond = TimeSpan.FromTicks(10);

        await (await _client.GetAsync($"/api/entries/{id}?asOf={At(recorded - microsecond)}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Journal.Edtf(await _client.GetJsonAsync($"/api/entries/{id}?asOf={At(recorded)}")).ShouldBe("2018-04");
        Journal.Edtf(await _client.GetJsonAsync($"/api/entries/{id}?asOf={At(corrected - microsecond)}")).ShouldBe("2018-04");
        Journal.Edtf(await _client.GetJsonAsync($"/api/entries/{id}?asOf={At(corrected)}")).ShouldBe("2018-04-03");
        (await TimelineAsync(official, At(corrected - microsecond))).ShouldBe([$"{id} 2018-04 active"]);
        (await TimelineAsync(official, At(corrected))).ShouldBe([$"{id} 2018-04-03 corrected"]);
    }

    [Fact]
    public async Task The_same_instant_written_with_another_offset_gives_the_same_answer()
    {
        var official = await MinisterAsync();
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var instant = await RecordedInstant.BetweenWritesAsync();
        await _client.CorrectedAsync(visit, new { date = "2018-04-03" });
        var beijing = instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);

        var utc = await _client.GetTextAsync($"/api/entries/{Journal.Id(visit)}?asOf={At(instant)}");
        var local = await _client.GetTextAsync($"/api/entries/{Journal.Id(visit)}?asOf={Uri.EscapeDataString(beijing)}");

        local.ShouldBe(utc);
        Journal.Edtf(JsonDocument.Parse(local).RootElement).ShouldBe("2018-04");
    }

    [Fact]
    public async Task AsOf_now_answers_exactly_what_the_current_views_answer()
    {
        var official = await MinisterAsync();
        var moscow = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow", "Moscow");
        var minsk = await _client.RecordVisitAsync(official, "BY", "2018-05", "Wei Fenghe in Minsk");
        await _client.RecordVisitAsync(official, "KZ", "2018-05", "Wei Fenghe in Astana");
        await _client.CorrectedAsync(moscow, new { date = "2018-04-25", city = "Moscow and Kubinka" });
        await _client.RetractedAsync(minsk);
        var now = At(await RecordedInstant.BetweenWritesAsync());

        foreach (var route in new[]
                 {
                     $"/api/entries/{Journal.Id(moscow)}", $"/api/entries/{Journal.Id(minsk)}",
                     $"/api/timeline?officialId={official}", $"/api/timeline?officialId={official}&includeRetracted=true",
                     $"/api/officials/{official}/itinerary", $"/api/officials/{official}/first-overseas-trips",
                 })
        {
            var separator = route.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            (await _client.GetTextAsync($"{route}{separator}asOf={now}")).ShouldBe(await _client.GetTextAsync(route), route);
        }
    }

    [Fact]
    public async Task Paging_through_the_timeline_as_of_an_instant_gives_the_same_entries_as_one_page()
    {
        var official = await MinisterAsync();
        var visits = new List<JsonElement>();
        foreach (var date in new[] { "2018-04", "2018-04-03", "2018-05", "2018", "2018-06-02/2018-06-03" })
            visits.Add(await _client.RecordVisitAsync(official, "RU", date, $"Visit {date}"));
        var instant = At(await RecordedInstant.BetweenWritesAsync());
        await _client.CorrectedAsync(visits[0], new { date = "2018-07" });
        await _client.RecordVisitAsync(official, "RU", "2018-04-10", "Recorded later");

        foreach (var order in new[] { "asc", "desc" })
        {
            var whole = await TimelineAsync(official, $"{instant}&order={order}");
            whole.Count.ShouldBe(5);
            var paged = new List<string>();
            string? cursor = null;
            do
            {
                var page = await _client.GetJsonAsync(
                    $"/api/timeline?officialId={official}&asOf={instant}&order={order}&limit=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
                paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => $"{Journal.Id(i)} {Journal.Edtf(i)} {Journal.Status(i)}"));
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
            paged.ShouldBe(whole, order);
        }
        (await TimelineAsync(official, instant)).Select(i => i.Split(' ')[1]).ShouldBe(["2018", "2018-04", "2018-04-03", "2018-05", "2018-06-02/2018-06-03"]);
    }

    [Fact]
    public async Task What_every_view_answered_at_an_instant_is_what_asOf_that_instant_answers_after_later_corrections()
    {
        // The entries as they stood at an instant are in two tables: the versions still current and the replaced ones
        // (Entries/AsOf.cs). Ties on the day make the page order fall back to the order recorded, across both tables.
        var official = await MinisterAsync();
        var visits = new List<JsonElement>();
        foreach (var (date, i) in new[] { "2018-04", "2018-04", "2018-04-03", "2018", "2018-04", "2018-05", "2018-04-03", "2018" }.Select((d, i) => (d, i)))
            visits.Add(await _client.RecordVisitAsync(official, i % 2 == 0 ? "RU" : "KZ", date, $"Visit {i}"));
        visits[1] = await _client.CorrectedAsync(visits[1], new { date = "2018-04-03" });
        visits[6] = await _client.RetractedAsync(visits[6]);
        var routes = new List<string>();
        foreach (var order in new[] { "asc", "desc" })
            routes.AddRange([$"/api/timeline?officialId={official}&order={order}&limit=3", $"/api/timeline?officialId={official}&order={order}&includeRetracted=true&limit=2"]);
        routes.AddRange(
        [
            $"/api/timeline?officialId={official}&limit=500&includeRetracted=true", $"/api/timeline/stats?officialId={official}",
            $"/api/timeline/stats?officialId={official}&includeRetracted=true", $"/api/officials/{official}/itinerary",
            $"/api/officials/{official}/first-overseas-trips", $"/api/timeline.csv?officialId={official}",
        ]);
        routes.AddRange(visits.Select(v => $"/api/entries/{Journal.Id(v)}"));

        async Task<Dictionary<string, string>> AnswersAsync(string? asOf)
        {
            var answers = new Dictionary<string, string>();
            foreach (var route in routes)
            {
                // Every page, by cursor: the pages of an asOf answer are merged from both tables at each cursor.
                var all = new List<string>();
                string? cursor = null;
                do
                {
                    var url = route + (asOf is null ? "" : $"{(route.Contains('?', StringComparison.Ordinal) ? '&' : '?')}asOf={asOf}")
                              + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
                    var text = await _client.GetTextAsync(url);
                    all.Add(text);
                    cursor = route.StartsWith("/api/timeline?", StringComparison.Ordinal)
                        ? JsonDocument.Parse(text).RootElement.GetProperty("nextCursor").GetString()
                        : null;
                } while (cursor is not null);
                answers[route] = string.Join("\n", all);
            }
            return answers;
        }

        var then = await AnswersAsync(null);
        var instant = At(await RecordedInstant.BetweenWritesAsync());
        await _client.CorrectedAsync(visits[0], new { date = "2018-04-02" });
        await _client.CorrectedAsync(await _client.CorrectedAsync(visits[1], new { date = "2018" }), new { title = "Visit 1, twice corrected" });
        await _client.RetractedAsync(visits[3]);
        await _client.CorrectedAsync(visits[5], new { date = "2018-04" });
        await _client.RecordVisitAsync(official, "RU", "2018-04", "Recorded after the instant");

        var later = await AnswersAsync(instant);
        foreach (var route in routes) later[route].ShouldBe(then[route], route);
        (await AnswersAsync(null))[routes[0]].ShouldNotBe(then[routes[0]], "the corrections after the instant changed the current page");
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2018-04-03")]
    [InlineData("2018-04-03T10:00:00")]
    [InlineData("2018-02-30T10:00:00Z")]
    public async Task An_asOf_that_is_not_an_RFC_3339_instant_is_400_naming_asOf_on_every_route(string asOf)
    {
        var official = await MinisterAsync();
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var value = Uri.EscapeDataString(asOf);

        foreach (var route in new[]
                 {
                     $"/api/entries/{Journal.Id(visit)}?asOf={value}", $"/api/timeline?asOf={value}",
                     $"/api/officials/{official}/itinerary?asOf={value}", $"/api/officials/{official}/first-overseas-trips?asOf={value}",
                     $"/api/first-overseas-trips?asOf={value}",
                 })
        {
            await (await _client.GetAsync(route, Ct)).ShouldRejectFieldsAsync("asOf");
        }
    }
}
