using System.Net;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>
/// Bad input is refused with an RFC 9457 problem naming each bad field, without a trace of the server's internals, and
/// nothing is written: the number of stored events is the same after the request as before it.
/// </summary>
public sealed class BadInputTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    private sealed record Officials(string Wei, string Wang, string Shoigu);

    private static readonly Dictionary<string, (Action<JsonObject, Officials> Spoil, string[] Fields)> VisitFaults = new()
    {
        ["unknown country code"] = ((b, _) => b["hostCountry"] = "XX", ["hostCountry"]),
        ["lower-case country code"] = ((b, _) => b["hostCountry"] = "ru", ["hostCountry"]),
        ["country name instead of code"] = ((b, _) => b["hostCountry"] = "Russia", ["hostCountry"]),
        ["impossible day 2018-02-30"] = ((b, _) => b["date"] = "2018-02-30", ["date"]),
        ["impossible month 2018-13"] = ((b, _) => b["date"] = "2018-13", ["date"]),
        ["free-text date"] = ((b, _) => b["date"] = "early April 2018", ["date"]),
        ["slash alone as date"] = ((b, _) => b["date"] = "/", ["date"]),
        ["interval ending before it starts"] = ((b, _) => b["date"] = "2018-05-10/2018-04-01", ["date"]),
        ["no date"] = ((b, _) => b.Remove("date"), ["date"]),
        ["missing sources"] = ((b, _) => b.Remove("sources"), ["sources"]),
        ["empty sources"] = ((b, _) => b["sources"] = new JsonArray(), ["sources"]),
        ["source without title"] = ((b, _) => b["sources"]![0]!.AsObject().Remove("title"), ["sources[0].title"]),
        ["source without publisher"] = ((b, _) => b["sources"]![0]!["publisher"] = "", ["sources[0].publisher"]),
        ["second source without title or publisher"] = ((b, _) => b["sources"]!.AsArray().Add(new JsonObject { ["url"] = "https://example.org/a" }),
            ["sources[1].title", "sources[1].publisher"]),
        ["source URL not a URL"] = ((b, _) => b["sources"]![0]!["url"] = "not a url", ["sources[0].url"]),
        ["source URL not http"] = ((b, _) => b["sources"]![0]!["url"] = "javascript:alert(1)", ["sources[0].url"]),
        ["source published on impossible date"] = ((b, _) => b["sources"]![0]!["publishedOn"] = "2018-06-31", ["sources[0].publishedOn"]),
        ["unknown official"] = ((b, _) => b["officialIds"] = Bodies.Array(["nobody-known"]), ["officialIds[0]"]),
        ["second official unknown"] = ((b, o) => b["officialIds"] = Bodies.Array([o.Wei, "nobody-known"]), ["officialIds[1]"]),
        ["unknown host official"] = ((b, _) => b["hostOfficialIds"] = Bodies.Array(["nobody-known"]), ["hostOfficialIds[0]"]),
        ["no visitors"] = ((b, _) => b["officialIds"] = new JsonArray(), ["officialIds"]),
        ["visitors of two countries"] = ((b, o) => { b["officialIds"] = Bodies.Array([o.Wei, o.Shoigu]); b["hostCountry"] = "BY"; }, ["officialIds"]),
        ["host country equal to the visitors' country"] = ((b, _) => b["hostCountry"] = "CN", ["hostCountry"]),
        ["the same visitor twice"] = ((b, o) => b["officialIds"] = Bodies.Array([o.Wei, o.Wei]), ["officialIds"]),
        ["empty title"] = ((b, _) => b["title"] = "", ["title"]),
        ["blank title"] = ((b, _) => b["title"] = "   ", ["title"]),
        ["title of 301 characters"] = ((b, _) => b["title"] = new string('t', 301), ["title"]),
        ["description of 4001 characters"] = ((b, _) => b["description"] = new string('d', 4001), ["description"]),
        ["unknown visit type"] = ((b, _) => b["visitType"] = "holiday", ["visitType"]),
        ["trip id not a slug"] = ((b, _) => b["tripId"] = "Trip 1", ["tripId"]),
        ["blank tag"] = ((b, _) => b["tags"] = Bodies.Array(["defence", " "]), ["tags[1]"]),
        ["several faults at once"] = ((b, _) => { b["hostCountry"] = "xx"; b["date"] = "2018-13"; b["title"] = ""; }, ["hostCountry", "date", "title"]),
    };

    public static TheoryData<string> VisitFaultNames => [.. VisitFaults.Keys];

    [Theory]
    [MemberData(nameof(VisitFaultNames))]
    public async Task A_visit_with_bad_input_is_a_400_naming_each_bad_field_and_nothing_is_written(string fault)
    {
        var officials = new Officials(
            await Given.OfficialAsync("Wei Fenghe", "CN"), await Given.OfficialAsync("Wang Yi", "CN"), await Given.OfficialAsync("Sergei Shoigu", "RU"));
        var body = Bodies.Visit([officials.Wei, officials.Wang], "RU", "2018-04-03");
        var (spoil, fields) = VisitFaults[fault];
        spoil(body, officials);
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync("/api/visits", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, fields);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_title_of_exactly_300_characters_and_a_description_of_4000_are_accepted()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var body = Bodies.Visit([wei], "RU", "2018-04-03", new string('t', 300));
        body["description"] = new string('d', 4000);

        var entry = await _client.PostCreatedAsync("/api/visits", body);

        entry.GetProperty("title").GetString()!.Length.ShouldBe(300);
        entry.GetProperty("description").GetString()!.Length.ShouldBe(4000);
    }

    public static TheoryData<string> Routes => ["/api/officials", "offices", "/api/visits", "/api/arms-deliveries", "/api/joint-statements"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Malformed_JSON_is_a_400_with_field_errors_and_nothing_is_written(string route)
    {
        var (url, body) = await ValidBodyAsync(route);
        var before = await app.EventCountAsync();

        var response = await _client.PostRawAsync(url, body.ToJsonString()[..^1]);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/api/officials", "country", "5", "string")]
    [InlineData("offices", "from", "2018", "string")]
    [InlineData("/api/visits", "officialIds", "\"wei-fenghe\"", "array")]
    [InlineData("/api/visits", "hostCountry", "[\"RU\"]", "string")]
    [InlineData("/api/arms-deliveries", "quantity", "\"ten\"", "number")]
    [InlineData("/api/arms-deliveries", "quantity", "true", "number")]
    [InlineData("/api/arms-deliveries", "quantityApproximate", "\"yes\"", "true or false")]
    [InlineData("/api/arms-deliveries", "id", "\"my-own-id\"", "UUID")]
    [InlineData("/api/joint-statements", "countries", "\"CN,RU\"", "array")]
    public async Task A_field_of_the_wrong_type_is_a_400_naming_it_and_the_type_expected(string route, string field, string json, string expected)
    {
        var (url, body) = await ValidBodyAsync(route);
        body[field] = JsonNode.Parse(json);
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync(url, body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(expected);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/api/officials", "name")]
    [InlineData("offices", "tittle")]
    [InlineData("/api/visits", "hostCountri")]
    [InlineData("/api/visits", "recordedAt")]
    [InlineData("/api/arms-deliveries", "quantityApprox")]
    [InlineData("/api/joint-statements", "signatories")]
    public async Task An_unknown_or_misspelt_field_is_a_400_naming_it_rather_than_silently_dropped(string route, string field)
    {
        var (url, body) = await ValidBodyAsync(route);
        body[field] = "2018-04-03";
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync(url, body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(field);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_misspelt_field_inside_a_source_is_named_by_its_path()
    {
        var (url, body) = await ValidBodyAsync("/api/visits");
        body["sources"]![0]!["publishedAt"] = "2018-06-08";
        var before = await app.EventCountAsync();

        await (await _client.PostJsonAsync(url, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sources[0].publishedAt");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/api/officials", "")]
    [InlineData("offices", "")]
    [InlineData("/api/visits", "")]
    [InlineData("/api/arms-deliveries", "")]
    [InlineData("/api/joint-statements", "")]
    [InlineData("/api/visits", "null")]
    [InlineData("/api/visits", "[]")]
    public async Task An_empty_or_non_object_body_is_a_400_naming_the_body_and_nothing_is_written(string route, string text)
    {
        var (url, _) = await ValidBodyAsync(route);
        var before = await app.EventCountAsync();

        var response = await _client.PostRawAsync(url, text);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "body");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_body_that_is_not_JSON_by_content_type_is_a_415_and_nothing_is_written(string route)
    {
        var (url, body) = await ValidBodyAsync(route);
        var before = await app.EventCountAsync();

        var response = await _client.PostRawAsync(url, body.ToJsonString(), "text/plain");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/api/visits")]
    [InlineData("/api/arms-deliveries")]
    [InlineData("/api/joint-statements")]
    public async Task Recording_a_second_entry_with_a_client_supplied_id_already_taken_is_a_409_and_the_first_stands(string route)
    {
        var id = Guid.NewGuid().ToString();
        var (_, first) = await ValidBodyAsync(route);
        first["id"] = id;
        first["title"] = "The first entry";
        await _client.PostCreatedAsync(route, first);
        var (_, second) = await ValidBodyAsync(route);
        second["id"] = id.ToUpperInvariant();
        second["title"] = "The second entry";
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync(route, second);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.EventCountAsync()).ShouldBe(before);
        var stored = await _client.GetOkJsonAsync($"/api/entries/{id}");
        stored.GetProperty("title").GetString().ShouldBe("The first entry");
        stored.GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Of_several_entries_recorded_at_the_same_moment_with_one_client_supplied_id_one_succeeds_and_the_others_are_409s()
    {
        var id = Guid.NewGuid().ToString();
        var bodies = Enumerable.Range(0, 6).Select(_ => Bodies.ArmsDelivery("RU", "CN", "2018-04")).ToList();
        bodies.ForEach(b => b["id"] = id);

        var responses = await Task.WhenAll(bodies.Select(b => _client.PostJsonAsync("/api/arms-deliveries", b)));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 5)]);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict)) await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await _client.GetOkJsonAsync($"/api/entries/{id}")).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Registering_an_official_id_already_taken_is_a_409_and_nothing_is_written()
    {
        var id = await Given.OfficialAsync("Wang Qishan", "CN");
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync("/api/officials", Bodies.Official("Wang Qishan", "CN", id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    /// <summary>A valid body for the route; "offices" stands for the offices route of an official registered here.</summary>
    private async Task<(string Url, JsonObject Body)> ValidBodyAsync(string route)
    {
        switch (route)
        {
            case "/api/officials":
                return (route, Bodies.Official("Zhang Youxia", "CN", "zhang-youxia-" + Guid.NewGuid().ToString("N")[..6]));
            case "offices":
                return ($"/api/officials/{await Given.OfficialAsync("Zhang Youxia", "CN")}/offices", Bodies.Office("Vice Chairman of the Central Military Commission", "2017-10"));
            case "/api/visits":
                return (route, Bodies.Visit([await Given.OfficialAsync("Wei Fenghe", "CN")], "RU", "2018-04-03"));
            case "/api/arms-deliveries":
                return (route, Bodies.ArmsDelivery("RU", "CN", "2018-04"));
            default:
                return (route, Bodies.JointStatement(["CN", "RU"], "2018-04-03"));
        }
    }
}
