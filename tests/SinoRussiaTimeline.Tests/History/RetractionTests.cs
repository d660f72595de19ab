using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// Retractions: the entry leaves the timeline, itineraries and first-trip answers (the timeline shows it flagged when
/// asked), its own route and history stay, and the first overseas trip is decided again without it.
/// </summary>
public sealed class RetractionTests(SeededTimelineApp app) : IClassFixture<SeededTimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Other tests of this class add officials of their own; these assertions are about the seed data set's officials.
    private static readonly HashSet<string> SeedOfficials = System.Text.Json.Nodes.JsonNode
        .Parse(File.ReadAllText(SinoRussiaTimeline.Seeding.SeedLoader.DefaultFile))!["officials"]!.AsArray()
        .Select(o => o!["id"]!.GetValue<string>()).ToHashSet();

    private static List<string?> OfficialsOf(JsonElement firstTrips) =>
        firstTrips.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("official").GetProperty("id").GetString()).ToList();

    private static List<string?> SeedOfficialsOf(JsonElement firstTrips) => OfficialsOf(firstTrips).Where(id => SeedOfficials.Contains(id!)).ToList();

    [Fact]
    public async Task Retracting_Wei_Fenghes_Moscow_visit_takes_him_out_of_the_officials_whose_first_trip_was_to_Russia()
    {
        SeedOfficialsOf(await _client.GetJsonAsync("/api/first-overseas-trips?country=CN&destination=RU")).ShouldBe(["xi-jinping", "wei-fenghe", "wang-qishan"]);
        var moscow = (await _client.GetJsonAsync("/api/timeline?officialId=wei-fenghe")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        var id = Journal.Id(moscow);
        var events = await app.EventCountAsync();

        var response = await _client.RetractAsync(id, "\"1\"", "The ministry says the minister did not travel in April.");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        response.Headers.Location!.ToString().ShouldBe($"/api/entries/{id}/history");
        var retracted = await response.ReadJsonAsync();
        (Journal.Status(retracted), Journal.Version(retracted), Journal.Edtf(retracted)).ShouldBe(("retracted", 2L, "2018-04"));
        (await app.EventCountAsync()).ShouldBe(events + 1);

        SeedOfficialsOf(await _client.GetJsonAsync("/api/first-overseas-trips?country=CN&destination=RU")).ShouldBe(["xi-jinping", "wang-qishan"]);
        var wei = (await _client.GetJsonAsync("/api/officials/wei-fenghe/first-overseas-trips")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        wei.GetProperty("trip").ValueKind.ShouldBe(JsonValueKind.Null);
        wei.GetProperty("candidates").GetArrayLength().ShouldBe(0);
        wei.GetProperty("explanation").GetString()!.ShouldContain("No recorded visit abroad");
        (await _client.GetJsonAsync("/api/officials/wei-fenghe/itinerary")).GetProperty("visits").GetArrayLength().ShouldBe(0);

        (await _client.GetJsonAsync("/api/timeline?officialId=wei-fenghe")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await _client.GetJsonAsync("/api/timeline?countries=CN,RU&limit=500")).GetProperty("items").EnumerateArray().Select(Journal.Id).ShouldNotContain(id);
        var flagged = (await _client.GetJsonAsync("/api/timeline?officialId=wei-fenghe&includeRetracted=true")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        (Journal.Id(flagged), Journal.Status(flagged)).ShouldBe((id, "retracted"));

        var entry = await _client.GetAsync($"/api/entries/{id}", Ct);
        await entry.ShouldHaveStatusAsync(HttpStatusCode.OK);
        entry.Headers.ETag!.Tag.ShouldBe("\"2\"");
        Journal.Status(await entry.ReadJsonAsync()).ShouldBe("retracted", "a retracted entry can still be read, flagged");
        var history = (await _client.GetJsonAsync($"/api/entries/{id}/history")).GetProperty("items");
        history.EnumerateArray().Select(i => i.GetProperty("type").GetString()).ShouldBe(["visit_recorded", "visit_retracted"]);
        history[1].GetProperty("reason").GetString().ShouldBe("The ministry says the minister did not travel in April.");
    }

    [Fact]
    public async Task The_retracted_entry_keeps_its_chronological_place_when_the_timeline_includes_retracted_entries()
    {
        var official = Journal.Slug("wang-yi");
        await _client.RegisterOfficialAsync(official, "Wang Yi", "CN");
        var first = await _client.RecordVisitAsync(official, "RU", "2018-04-01", "Moscow");
        var second = await _client.RecordVisitAsync(official, "BY", "2018-04-03", "Minsk");
        var third = await _client.RecordVisitAsync(official, "KZ", "2018-04-05", "Astana");

        await _client.RetractedAsync(second);

        (await _client.GetJsonAsync($"/api/timeline?officialId={official}")).GetProperty("items").EnumerateArray().Select(Journal.Id)
            .ShouldBe([Journal.Id(first), Journal.Id(third)]);
        var all = (await _client.GetJsonAsync($"/api/timeline?officialId={official}&includeRetracted=true")).GetProperty("items").EnumerateArray().ToList();
        all.Select(i => (Journal.Id(i), Journal.Status(i))).ShouldBe([(Journal.Id(first), "active"), (Journal.Id(second), "retracted"), (Journal.Id(third), "active")]);
        (await _client.GetJsonAsync($"/api/timeline?officialId={official}&includeRetracted=true&order=desc")).GetProperty("items").EnumerateArray().Select(Journal.Id)
            .ShouldBe([Journal.Id(third), Journal.Id(second), Journal.Id(first)]);
        (await _client.GetJsonAsync($"/api/officials/{official}/itinerary")).GetProperty("visits").EnumerateArray().Select(Journal.Id)
            .ShouldBe([Journal.Id(first), Journal.Id(third)]);
    }

    [Fact]
    public async Task Retracting_the_first_trip_makes_the_next_visit_the_first_overseas_trip()
    {
        var official = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        await _client.RecordOfficeAsync(official, "Minister of National Defense", "2018-03-19");
        var moscow = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var minsk = await _client.RecordVisitAsync(official, "BY", "2018-05", "Wei Fenghe in Minsk");
        Journal.Id((await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0].GetProperty("trip")).ShouldBe(Journal.Id(moscow));

        await _client.RetractedAsync(moscow);

        var answer = (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0];
        Journal.Id(answer.GetProperty("trip")).ShouldBe(Journal.Id(minsk));
        answer.GetProperty("candidates").EnumerateArray().Select(Journal.Id).ShouldBe([Journal.Id(minsk)]);
        OfficialsOf(await _client.GetJsonAsync("/api/first-overseas-trips?country=CN&destination=RU")).ShouldNotContain(official);
        OfficialsOf(await _client.GetJsonAsync("/api/first-overseas-trips?country=CN&destination=BY")).ShouldContain(official);
    }

    [Fact]
    public async Task Retracting_one_of_two_candidates_of_an_ambiguous_first_trip_settles_the_answer()
    {
        var official = Journal.Slug("wang-qishan");
        await _client.RegisterOfficialAsync(official, "Wang Qishan", "CN");
        await _client.RecordOfficeAsync(official, "Vice President", "2018-03-17");
        var april = await _client.RecordVisitAsync(official, "RU", "2018-04", "Sometime in April, Russia");
        var tenth = await _client.RecordVisitAsync(official, "BY", "2018-04-10", "10 April, Belarus");
        var before = (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0];
        before.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        before.GetProperty("candidates").EnumerateArray().Select(Journal.Id).ShouldBe([Journal.Id(april), Journal.Id(tenth)]);

        await _client.RetractedAsync(april, "No such visit in April.");

        var after = (await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0];
        after.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        Journal.Id(after.GetProperty("trip")).ShouldBe(Journal.Id(tenth));
    }

    [Fact]
    public async Task A_corrected_entry_can_be_retracted_with_its_current_ETag_and_keeps_the_corrected_values()
    {
        var official = Journal.Slug("wang-yi");
        await _client.RegisterOfficialAsync(official, "Wang Yi", "CN");
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Moscow");
        var corrected = await _client.CorrectedAsync(visit, new { date = "2018-04-02" });

        var retracted = await _client.RetractedAsync(corrected);

        (Journal.Status(retracted), Journal.Version(retracted), Journal.Edtf(retracted)).ShouldBe(("retracted", 3L, "2018-04-02"));
        (await _client.GetJsonAsync($"/api/entries/{Journal.Id(visit)}/history")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("type").GetString()).ShouldBe(["visit_recorded", "visit_corrected", "visit_retracted"]);
    }

    public static TheoryData<string, string?, string, HttpStatusCode, string?> RejectedRetractions => new()
    {
        { "no If-Match", null, """{"reason": "Never happened."}""", HttpStatusCode.PreconditionRequired, null },
        { "a stale If-Match", "\"1\"", """{"reason": "Never happened."}""", HttpStatusCode.PreconditionFailed, null },
        { "an empty reason", "\"2\"", """{"reason": ""}""", HttpStatusCode.BadRequest, "reason" },
        { "a blank reason", "\"2\"", """{"reason": "  "}""", HttpStatusCode.BadRequest, "reason" },
        { "no reason", "\"2\"", "{}", HttpStatusCode.BadRequest, "reason" },
        { "a misspelt member", "\"2\"", """{"reasons": "Never happened."}""", HttpStatusCode.BadRequest, "reasons" },
    };

    [Theory]
    [MemberData(nameof(RejectedRetractions))]
    public async Task A_rejected_retraction_leaves_the_entry_in_every_view_and_the_store_unchanged(string what, string? ifMatch, string body, HttpStatusCode status, string? field)
    {
        var official = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        await _client.RecordOfficeAsync(official, "Minister of National Defense", "2018-03-19");
        var visit = await _client.CorrectedAsync(await _client.RecordVisitAsync(official, "RU", "2018-04", "Moscow"), new { city = "Moscow" });
        var events = await app.EventCountAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{Journal.Id(visit)}/retraction")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await _client.SendAsync(request, Ct);

        var problem = field is null ? await response.ShouldBeProblemAsync(status) : await response.ShouldRejectFieldsAsync(field);
        if (status == HttpStatusCode.PreconditionFailed)
        {
            problem.GetProperty("currentVersion").GetInt64().ShouldBe(2);
            response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        }
        (await app.EventCountAsync()).ShouldBe(events, what);
        Journal.Status(await _client.GetJsonAsync($"/api/entries/{Journal.Id(visit)}")).ShouldBe("corrected");
        (await _client.GetJsonAsync($"/api/officials/{official}/itinerary")).GetProperty("visits").GetArrayLength().ShouldBe(1);
        Journal.Id((await _client.GetJsonAsync($"/api/officials/{official}/first-overseas-trips")).GetProperty("items")[0].GetProperty("trip")).ShouldBe(Journal.Id(visit));
    }

    [Fact]
    public async Task Retracting_an_entry_that_does_not_exist_is_404_and_a_malformed_id_is_400()
    {
        var events = await app.EventCountAsync();

        await (await _client.RetractAsync(Guid.NewGuid().ToString(), "\"1\"", "Never happened.")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _client.RetractAsync("not-a-uuid", "\"1\"", "Never happened.")).ShouldRejectFieldsAsync("id");
        await (await _client.CorrectAsync("not-a-uuid", "\"1\"", JsonNode.Parse("""{"changes": {"date": "2018"}, "reason": "x", "sources": [{"title": "t", "publisher": "p"}]}""")!))
            .ShouldRejectFieldsAsync("id");

        (await app.EventCountAsync()).ShouldBe(events);
    }
}
