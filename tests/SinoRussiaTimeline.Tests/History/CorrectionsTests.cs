using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// Corrections through HTTP: If-Match with the entry's ETag, the named fields that change, a reason and sources; every
/// view shows the corrected entry, and a rejected correction leaves the store exactly as it was.
/// </summary>
public sealed class CorrectionsTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Chinese defence minister in office from 19 March 2018 and his visit to Moscow in April 2018.</summary>
    private async Task<(string OfficialId, JsonElement Visit)> MinisterVisitingMoscowAsync()
    {
        var official = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        await _client.RecordOfficeAsync(official, "Minister of National Defense", "2018-03-19");
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe visits Moscow", "Moscow");
        return (official, visit);
    }

    private static object DateCorrection(string date) => new
    {
        changes = new { date },
        reason = "The ministry's release gives the day.",
        sources = new[] { Journal.Source("Defence ministers meet in Moscow", "Ministry of National Defense", "2018-04-03") },
    };

    [Fact]
    public async Task A_correction_with_the_entrys_ETag_is_201_and_every_view_shows_the_new_value_with_status_corrected()
    {
        var (official, visit) = await MinisterVisitingMoscowAsync();
        var id = Journal.Id(visit);
        var read = await _client.GetAsync($"/api/entries/{id}", Ct);
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var events = await app.EventCountAsync();

        var response = await _client.CorrectAsync(id, read.Headers.ETag.Tag, DateCorrection("2018-04-03"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        response.Headers.Location!.ToString().ShouldBe($"/api/entries/{id}/history");
        var corrected = await response.ReadJsonAsync();
        Journal.Edtf(corrected).ShouldBe("2018-04-03");
        corrected.GetProperty("date").GetProperty("display").GetString().ShouldBe("3 April 2018");
        Journal.Status(corrected).ShouldBe("corrected");
        Journal.Version(corrected).ShouldBe(2);
        corrected.GetProperty("recordedAt").GetDateTimeOffset().ShouldBe(visit.GetProperty("recordedAt").GetDateTimeOffset(), "recordedAt stays when the entry was first recorded");
        corrected.GetProperty("title").GetString().ShouldBe("Wei Fenghe visits Moscow", "fields not named in changes keep their values");
        corrected.GetProperty("place").GetProperty("city").GetString().ShouldBe("Moscow");
        corrected.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("title").GetString())
            .ShouldBe(["Report: Wei Fenghe visits Moscow", "Defence ministers meet in Moscow"], "the entry cites the source of the new value too");
        (await app.EventCountAsync()).ShouldBe(events + 1, "a correction is one new event; nothing is rewritten");

        var reread = await _client.GetAsync($"/api/entries/{id}", Ct);
        reread.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await reread.Content.ReadAsStringAsync(Ct)).ShouldBe(corrected.GetRawText());

        var timeline = await _client.GetJsonAsync($"/api/timeline?officialId={official}");
        var item = timeline.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        (Journal.Edtf(item), Journal.Status(item), Journal.Version(item)).ShouldBe(("2018-04-03", "corrected", 2L));
        var itinerary = await _client.GetJsonAsync($"/api/officials/{official}/itinerary");
        var leg = itinerary.GetProperty("visits").EnumerateArray().ShouldHaveSingleItem();
        (Journal.Edtf(leg), Journal.Status(leg)).ShouldBe(("2018-04-03", "corrected"));
        var firstTrip = (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0].GetProperty("trip");
        (Journal.Id(firstTrip), Journal.Edtf(firstTrip), Journal.Status(firstTrip)).ShouldBe((id, "2018-04-03", "corrected"));
    }

    [Fact]
    public async Task A_correction_without_If_Match_is_428_and_changes_nothing()
    {
        var (_, visit) = await MinisterVisitingMoscowAsync();
        var events = await app.EventCountAsync();

        var response = await _client.CorrectAsync(Journal.Id(visit), ifMatch: null, DateCorrection("2018-04-03"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        problem.GetProperty("detail").GetString()!.ShouldContain("If-Match");
        (await app.EventCountAsync()).ShouldBe(events);
        await EntryShouldBeUntouchedAsync(visit);
    }

    [Fact]
    public async Task A_correction_with_a_stale_ETag_is_412_with_the_current_version_and_does_not_overwrite_the_newer_correction()
    {
        var (_, visit) = await MinisterVisitingMoscowAsync();
        var id = Journal.Id(visit);
        (await _client.CorrectAsync(id, "\"1\"", DateCorrection("2018-04-03"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var events = await app.EventCountAsync();

        // A second editor still holding version 1.
        var response = await _client.CorrectAsync(id, "\"1\"", DateCorrection("2018-04-05"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"", "the 412 says which version to read");
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(2);
        (await app.EventCountAsync()).ShouldBe(events);
        var entry = await _client.GetJsonAsync($"/api/entries/{id}");
        (Journal.Edtf(entry), Journal.Version(entry)).ShouldBe(("2018-04-03", 2L));
    }

    [Fact]
    public async Task A_correction_naming_a_version_ahead_of_the_entry_is_412_too()
    {
        var (_, visit) = await MinisterVisitingMoscowAsync();
        var events = await app.EventCountAsync();

        var response = await _client.CorrectAsync(Journal.Id(visit), "\"7\"", DateCorrection("2018-04-03"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64().ShouldBe(1);
        (await app.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Two_corrections_sent_at_once_with_the_same_ETag_give_exactly_one_201_and_one_412_never_a_lost_update()
    {
        for (var round = 0; round < 5; round++)
        {
            var (_, visit) = await MinisterVisitingMoscowAsync();
            var id = Journal.Id(visit);
            var events = await app.EventCountAsync();

            var responses = await Task.WhenAll(
                app.CreateClient().CorrectAsync(id, "\"1\"", DateCorrection("2018-04-03")),
                app.CreateClient().CorrectAsync(id, "\"1\"", DateCorrection("2018-04-05")));

            responses.Select(r => (int)r.StatusCode).Order().ToArray().ShouldBe(new[] { 201, 412 }, $"round {round}");
            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ReadJsonAsync();
            var loser = await responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ReadJsonAsync();
            loser.GetProperty("currentVersion").GetInt64().ShouldBe(2);
            (await app.EventCountAsync()).ShouldBe(events + 1, "exactly one correction is stored");
            var entry = await _client.GetJsonAsync($"/api/entries/{id}");
            (Journal.Edtf(entry), Journal.Version(entry)).ShouldBe((Journal.Edtf(winner), 2L), "the entry holds the correction that won");
            var history = await _client.GetJsonAsync($"/api/entries/{id}/history");
            history.GetProperty("items").GetArrayLength().ShouldBe(2);
        }
    }

    [Fact]
    public async Task A_correction_and_a_retraction_sent_at_once_with_the_same_ETag_give_exactly_one_201_and_one_412()
    {
        var (_, visit) = await MinisterVisitingMoscowAsync();
        var id = Journal.Id(visit);
        var events = await app.EventCountAsync();

        var responses = await Task.WhenAll(
            app.CreateClient().CorrectAsync(id, "\"1\"", DateCorrection("2018-04-03")),
            app.CreateClient().RetractAsync(id, "\"1\"", "Never happened."));

        responses.Select(r => (int)r.StatusCode).Order().ShouldBe([201, 412]);
        (await app.EventCountAsync()).ShouldBe(events + 1);
        var entry = await _client.GetJsonAsync($"/api/entries/{id}");
        Journal.Version(entry).ShouldBe(2);
        Journal.Status(entry).ShouldBe(responses[0].StatusCode == HttpStatusCode.Created ? "corrected" : "retracted");
    }

    [Fact]
    public async Task Correcting_or_retracting_a_retracted_entry_is_409_and_changes_nothing()
    {
        var (_, visit) = await MinisterVisitingMoscowAsync();
        var retracted = await _client.RetractedAsync(visit);
        var events = await app.EventCountAsync();

        var correction = await _client.CorrectAsync(Journal.Id(visit), Journal.ETag(Journal.Version(retracted)), DateCorrection("2018-04-03"));
        var retraction = await _client.RetractAsync(Journal.Id(visit), Journal.ETag(Journal.Version(retracted)), "Again.");

        (await correction.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("retracted");
        await retraction.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.EventCountAsync()).ShouldBe(events);
        var entry = await _client.GetJsonAsync($"/api/entries/{Journal.Id(visit)}");
        (Journal.Status(entry), Journal.Version(entry), Journal.Edtf(entry)).ShouldBe(("retracted", 2L, "2018-04"));
    }

    [Fact]
    public async Task Correcting_an_entry_that_does_not_exist_is_404_and_writes_nothing()
    {
        var events = await app.EventCountAsync();

        var response = await _client.CorrectAsync(Guid.NewGuid().ToString(), "\"1\"", DateCorrection("2018-04-03"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.EventCountAsync()).ShouldBe(events);
    }

    private const string NewSource = """[{"title": "Defence ministers meet in Moscow", "publisher": "Ministry of National Defense"}]""";

    public static TheoryData<string, string, string> RejectedCorrections => new()
    {
        { "a field the visit does not have", $$"""{"changes": {"venue": "Kremlin"}, "reason": "Venue named.", "sources": {{NewSource}}}""", "changes.venue" },
        { "a date that does not exist", $$"""{"changes": {"date": "2018-02-30"}, "reason": "Day given.", "sources": {{NewSource}}}""", "changes.date" },
        { "a date that is free text", $$"""{"changes": {"date": "early April"}, "reason": "Day given.", "sources": {{NewSource}}}""", "changes.date" },
        { "no sources", """{"changes": {"date": "2018-04-03"}, "reason": "Day given."}""", "sources" },
        { "an empty list of sources", """{"changes": {"date": "2018-04-03"}, "reason": "Day given.", "sources": []}""", "sources" },
        { "a source without a title", """{"changes": {"date": "2018-04-03"}, "reason": "Day given.", "sources": [{"publisher": "Xinhua"}]}""", "sources[0].title" },
        { "an empty reason", $$"""{"changes": {"date": "2018-04-03"}, "reason": "", "sources": {{NewSource}}}""", "reason" },
        { "a blank reason", $$"""{"changes": {"date": "2018-04-03"}, "reason": "   ", "sources": {{NewSource}}}""", "reason" },
        { "no reason", $$"""{"changes": {"date": "2018-04-03"}, "sources": {{NewSource}}}""", "reason" },
        { "a change to the value it already has (with a new source)", $$"""{"changes": {"date": "2018-04"}, "reason": "Checked.", "sources": {{NewSource}}}""", "changes" },
        { "a change to the value it already has (citing its own source)", """{"changes": {"date": "2018-04"}, "reason": "Checked.", "sources": [{"title": "Report: Wei Fenghe visits Moscow", "publisher": "Xinhua"}]}""", "changes" },
        { "no changes", $$"""{"changes": {}, "reason": "Checked.", "sources": {{NewSource}}}""", "changes" },
        { "no changes object", $$"""{"reason": "Checked.", "sources": {{NewSource}}}""", "changes" },
        { "a change of the id", $$"""{"changes": {"id": "{{Guid.Empty}}"}, "reason": "Renumbered.", "sources": {{NewSource}}}""", "changes.id" },
        { "a value of the wrong type", $$"""{"changes": {"officialIds": "wang-yi"}, "reason": "Other visitor.", "sources": {{NewSource}}}""", "changes.officialIds" },
        { "an official who is not registered", $$"""{"changes": {"officialIds": ["nobody-at-all"]}, "reason": "Other visitor.", "sources": {{NewSource}}}""", "changes.officialIds[0]" },
        { "a host country that is the visitor's own", $$"""{"changes": {"hostCountry": "CN"}, "reason": "Stayed home.", "sources": {{NewSource}}}""", "changes.hostCountry" },
        { "a host country that is no country", $$"""{"changes": {"hostCountry": "XX"}, "reason": "Typo.", "sources": {{NewSource}}}""", "changes.hostCountry" },
        { "an empty title", $$"""{"changes": {"title": ""}, "reason": "Untitled.", "sources": {{NewSource}}}""", "changes.title" },
        { "a misspelt member of the body", $$"""{"change": {"date": "2018-04-03"}, "reason": "Day given.", "sources": {{NewSource}}}""", "change" },
    };

    [Theory]
    [MemberData(nameof(RejectedCorrections))]
    public async Task A_correction_with_bad_input_is_400_naming_the_field_and_the_store_is_unchanged(string what, string body, string field)
    {
        var (_, visit) = await MinisterVisitingMoscowAsync();
        var events = await app.EventCountAsync();

        var response = await _client.CorrectAsync(Journal.Id(visit), "\"1\"", JsonNode.Parse(body)!);

        await response.ShouldRejectFieldsAsync(field);
        (await app.EventCountAsync()).ShouldBe(events, what);
        await EntryShouldBeUntouchedAsync(visit);
    }

    [Theory]
    [InlineData("one")]
    [InlineData("\"v1\"")]
    [InlineData("\"0\"")]
    public async Task An_If_Match_that_is_not_an_ETag_of_the_service_is_400_and_changes_nothing(string ifMatch)
    {
        var (_, visit) = await MinisterVisitingMoscowAsync();
        var events = await app.EventCountAsync();

        var response = await _client.CorrectAsync(Journal.Id(visit), ifMatch, DateCorrection("2018-04-03"));

        await response.ShouldRejectFieldsAsync("If-Match");
        (await app.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_correction_that_moves_a_visit_to_another_official_updates_both_itineraries_and_both_first_trip_answers()
    {
        var (wrong, visit) = await MinisterVisitingMoscowAsync();
        var right = Journal.Slug("wang-yi");
        await _client.RegisterOfficialAsync(right, "Wang Yi", "CN");
        await _client.RecordOfficeAsync(right, "Minister of Foreign Affairs", "2013-03-16");
        var id = Journal.Id(visit);

        var corrected = await _client.CorrectedAsync(visit, new { officialIds = new[] { right }, title = "Wang Yi visits Moscow" }, "It was the foreign minister who went.");

        corrected.GetProperty("officials").EnumerateArray().Select(o => (o.GetProperty("id").GetString(), o.GetProperty("role").GetString()))
            .ShouldBe([(right, "visitor")]);
        (await _client.GetJsonAsync($"/api/officials/{wrong}/itinerary")).GetProperty("visits").GetArrayLength().ShouldBe(0);
        var moved = (await _client.GetJsonAsync($"/api/officials/{right}/itinerary")).GetProperty("visits").EnumerateArray().ShouldHaveSingleItem();
        (Journal.Id(moved), Journal.Status(moved), moved.GetProperty("title").GetString()).ShouldBe((id, "corrected", "Wang Yi visits Moscow"));

        var wrongTrips = (await _client.GetJsonAsync($"/api/officials/{wrong}/first-overseas-trips")).GetProperty("items")[0];
        wrongTrips.GetProperty("trip").ValueKind.ShouldBe(JsonValueKind.Null);
        wrongTrips.GetProperty("candidates").GetArrayLength().ShouldBe(0);
        var rightTrips = (await _client.GetJsonAsync($"/api/officials/{right}/first-overseas-trips")).GetProperty("items")[0];
        Journal.Id(rightTrips.GetProperty("trip")).ShouldBe(id);

        (await _client.GetJsonAsync($"/api/timeline?officialId={wrong}")).GetProperty("items").GetArrayLength().ShouldBe(0);
        Journal.Id((await _client.GetJsonAsync($"/api/timeline?officialId={right}")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem()).ShouldBe(id);
        var across = (await _client.GetJsonAsync("/api/first-overseas-trips?country=CN&destination=RU")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("official").GetProperty("id").GetString()).ToList();
        across.ShouldContain(right);
        across.ShouldNotContain(wrong);
    }

    [Fact]
    public async Task Correcting_the_date_of_a_first_trip_recomputes_the_first_overseas_trip()
    {
        var (official, moscow) = await MinisterVisitingMoscowAsync();
        var minsk = await _client.RecordVisitAsync(official, "BY", "2018-05", "Wei Fenghe visits Minsk", "Minsk");
        var before = (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0];
        Journal.Id(before.GetProperty("trip")).ShouldBe(Journal.Id(moscow));

        await _client.CorrectedAsync(moscow, new { date = "2018-06" }, "The Moscow visit was in June.");

        var after = (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0];
        Journal.Id(after.GetProperty("trip")).ShouldBe(Journal.Id(minsk));
        after.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        (await _client.GetJsonAsync("/api/first-overseas-trips?country=CN&destination=RU")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("official").GetProperty("id").GetString() == official);
        (await _client.GetJsonAsync("/api/first-overseas-trips?country=CN&destination=BY")).GetProperty("items").EnumerateArray()
            .ShouldContain(i => i.GetProperty("official").GetProperty("id").GetString() == official);
        var itinerary = (await _client.GetJsonAsync($"/api/officials/{official}/itinerary")).GetProperty("visits").EnumerateArray().Select(Journal.Id);
        itinerary.ShouldBe([Journal.Id(minsk), Journal.Id(moscow)], "the itinerary is in the corrected order");
    }

    [Fact]
    public async Task Parallel_corrections_of_different_visits_of_one_official_all_land_in_the_itinerary()
    {
        var official = Journal.Slug("wang-yi");
        await _client.RegisterOfficialAsync(official, "Wang Yi", "CN");
        await _client.RecordOfficeAsync(official, "Minister of Foreign Affairs", "2013-03-16");
        var other = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(other, "Wei Fenghe", "CN");
        var visits = new List<JsonElement>();
        for (var day = 1; day <= 8; day++) visits.Add(await _client.RecordVisitAsync(official, "RU", $"2014-05-{day:00}", $"Visit {day}"));

        // Seven visits move to June in parallel, in reverse order of their days; the eighth moves to another official,
        // while an unrelated visit of that official is moved back the other way.
        var otherVisit = await _client.RecordVisitAsync(other, "BY", "2014-07", "Wei Fenghe in Minsk");
        var corrections = visits.Take(7).Select((v, i) => app.CreateClient().CorrectAsync(Journal.Id(v), "\"1\"", new
            {
                changes = new { date = $"2014-06-{20 - i:00}" }, reason = "Rescheduled.", sources = new[] { Journal.Source("Schedule") },
            }))
            .Append(app.CreateClient().CorrectAsync(Journal.Id(visits[7]), "\"1\"", new
            {
                changes = new { officialIds = new[] { other } }, reason = "Misattributed.", sources = new[] { Journal.Source("Schedule") },
            }))
            .Append(app.CreateClient().CorrectAsync(Journal.Id(otherVisit), "\"1\"", new
            {
                changes = new { officialIds = new[] { official } }, reason = "Misattributed.", sources = new[] { Journal.Source("Schedule") },
            }));
        var responses = await Task.WhenAll(corrections);

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var itinerary = (await _client.GetJsonAsync($"/api/officials/{official}/itinerary")).GetProperty("visits").EnumerateArray()
            .Select(v => $"{v.GetProperty("title").GetString()} {Journal.Edtf(v)}").ToList();
        itinerary.ShouldBe(Enumerable.Range(0, 7).Reverse().Select(i => $"Visit {i + 1} 2014-06-{20 - i:00}").Append("Wei Fenghe in Minsk 2014-07"));
        (await _client.GetJsonAsync($"/api/officials/{other}/itinerary")).GetProperty("visits").EnumerateArray()
            .Select(v => v.GetProperty("title").GetString()).ShouldBe(["Visit 8"]);
        var first = (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0].GetProperty("trip");
        first.GetProperty("title").GetString().ShouldBe("Visit 7");
    }

    [Fact]
    public async Task An_arms_delivery_is_corrected_by_the_fields_of_its_own_recording_body()
    {
        var delivery = await _client.PostCreatedAsync("/api/arms-deliveries", new
        {
            supplier = "RU", recipient = "CN", system = "Su-35S", category = "aircraft", quantity = 10, date = "2018",
            title = "Su-35S fighters delivered to China", sources = new[] { Journal.Source("Deliveries completed", "TASS") },
        });

        var corrected = await _client.CorrectedAsync(delivery, new { quantity = 14, date = "2018-11" }, "The final batch arrived in November.");

        corrected.GetProperty("armsDelivery").GetProperty("quantity").GetInt32().ShouldBe(14);
        corrected.GetProperty("title").GetString().ShouldBe("Su-35S fighters delivered to China", "a title the editor wrote stays as written");
        (Journal.Edtf(corrected), Journal.Status(corrected)).ShouldBe(("2018-11", "corrected"));
        var history = await _client.GetJsonAsync($"/api/entries/{Journal.Id(delivery)}/history");
        history.GetProperty("items")[1].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString())
            .ShouldBe(["quantity", "date", "sources"], ignoreOrder: true);

        var unknown = await _client.CorrectAsync(Journal.Id(delivery), "\"2\"", JsonNode.Parse($$"""{"changes": {"hostCountry": "CN"}, "reason": "x", "sources": {{NewSource}}}""")!);
        (await unknown.ShouldRejectFieldsAsync("changes.hostCountry")).GetProperty("errors").GetProperty("changes.hostCountry")[0].GetString()!
            .ShouldContain("armsDelivery");
    }

    [Fact]
    public async Task A_derived_arms_delivery_title_follows_a_correction_of_the_fields_it_is_derived_from()
    {
        var delivery = await _client.PostCreatedAsync("/api/arms-deliveries", new
        {
            supplier = "RU", recipient = "CN", system = "Su-35S", quantity = 10, date = "2018",
            sources = new[] { Journal.Source("Deliveries completed", "TASS") },
        });
        delivery.GetProperty("title").GetString().ShouldBe("10 Su-35S delivered by Russian Federation to China");

        var corrected = await _client.CorrectedAsync(delivery, new { quantity = 24, quantityApproximate = true }, "The ministry counts 24.");
        corrected.GetProperty("title").GetString().ShouldBe("About 24 Su-35S delivered by Russian Federation to China");

        var renamed = await _client.CorrectedAsync(corrected, new { title = "The last Su-35S fighters arrive" }, "The agency's headline.");
        var recounted = await _client.CorrectedAsync(renamed, new { quantity = 26 }, "Two more were counted.");
        recounted.GetProperty("title").GetString().ShouldBe("The last Su-35S fighters arrive", "a title an editor wrote is kept");
    }

    [Fact]
    public async Task A_joint_statement_is_corrected_by_the_fields_of_its_own_recording_body()
    {
        var statement = await _client.PostCreatedAsync("/api/joint-statements", new
        {
            countries = new[] { "CN", "RU" }, title = "Joint statement on strategic stability", date = "2019-06",
            place = new { country = "RU", city = "Moscow" }, sources = new[] { Journal.Source("Joint statement", "Kremlin") },
        });

        var corrected = await _client.CorrectedAsync(statement, new { date = "2019-06-05", summary = "Signed during the state visit." }, "Signing date published.");

        (Journal.Edtf(corrected), Journal.Status(corrected)).ShouldBe(("2019-06-05", "corrected"));
        corrected.GetProperty("jointStatement").GetProperty("summary").GetString().ShouldBe("Signed during the state visit.");
        var timeline = await _client.GetJsonAsync("/api/timeline?kinds=jointStatement&countries=CN,RU");
        timeline.GetProperty("items").EnumerateArray().ShouldContain(i => Journal.Id(i) == Journal.Id(statement) && Journal.Status(i) == "corrected");
    }

    private async Task EntryShouldBeUntouchedAsync(JsonElement recorded)
    {
        var response = await _client.GetAsync($"/api/entries/{Journal.Id(recorded)}", Ct);
        response.Headers.ETag!.Tag.ShouldBe(Journal.ETag(Journal.Version(recorded)));
        var entry = await response.ReadJsonAsync();
        (Journal.Status(entry), Journal.Edtf(entry)).ShouldBe((Journal.Status(recorded), Journal.Edtf(recorded)));
        entry.GetRawText().ShouldBe(recorded.GetRawText());
    }
}
