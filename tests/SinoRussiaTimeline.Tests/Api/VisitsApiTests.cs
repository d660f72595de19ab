using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class VisitsApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Fact]
    public async Task Recording_a_visit_answers_201_with_the_entry_its_location_and_etag_naming_visitors_and_hosts()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN", "魏凤和");
        var shoigu = await Given.OfficialAsync("Sergei Shoigu", "RU", null, "Сергей Шойгу");
        var body = Bodies.Visit([wei], "RU", "2018-04", "Wei Fenghe visits Moscow on his first trip abroad as defence minister");
        body["city"] = "Moscow";
        body["hostOfficialIds"] = Bodies.Array([shoigu]);
        body["tags"] = Bodies.Array(["defence", "first trip"]);
        var sent = body["sources"]!.DeepClone();
        var before = DateTimeOffset.UtcNow;

        var entry = await (await _client.PostJsonAsync("/api/visits", body)).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("kind").GetString().ShouldBe("visit");
        entry.GetProperty("title").GetString().ShouldBe("Wei Fenghe visits Moscow on his first trip abroad as defence minister");
        entry.GetProperty("description").GetString().ShouldBe(body["description"]!.GetValue<string>());
        var date = entry.GetProperty("date");
        date.GetProperty("edtf").GetString().ShouldBe("2018-04");
        date.GetProperty("earliest").GetString().ShouldBe("2018-04-01");
        date.GetProperty("latest").GetString().ShouldBe("2018-04-30");
        date.GetProperty("precision").GetString().ShouldBe("month");
        date.GetProperty("display").GetString().ShouldBe("April 2018");
        entry.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ShouldBe(["CN", "RU"], ignoreOrder: true);
        var officials = entry.GetProperty("officials").EnumerateArray()
            .Select(o => (o.Id(), o.GetProperty("name").GetString(), o.GetProperty("role").GetString())).ToList();
        officials.ShouldBe([(wei, "Wei Fenghe", "visitor"), (shoigu, "Sergei Shoigu", "host")], ignoreOrder: true);
        entry.GetProperty("officials").EnumerateArray().First(o => o.Id() == wei).GetProperty("nameZh").GetString().ShouldBe("魏凤和");
        entry.GetProperty("place").GetProperty("country").GetString().ShouldBe("RU");
        entry.GetProperty("place").GetProperty("countryName").GetString().ShouldBe("Russian Federation");
        entry.GetProperty("place").GetProperty("city").GetString().ShouldBe("Moscow");
        entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["defence", "first trip"]);
        JsonElement.DeepEquals(entry.GetProperty("sources"), JsonSerializer.SerializeToElement(sent)).ShouldBeTrue(entry.GetProperty("sources").ToString());
        entry.GetProperty("visit").GetProperty("visitorCountry").GetString().ShouldBe("CN");
        entry.GetProperty("visit").GetProperty("hostCountry").GetString().ShouldBe("RU");
        entry.GetProperty("visit").GetProperty("visitType").GetString().ShouldBe("official");
        entry.GetProperty("recordedAt").GetDateTimeOffset().ShouldBeInRange(before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Several_visitors_of_one_country_are_one_visit_each_named_as_visitor()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var wang = await Given.OfficialAsync("Wang Yi", "CN");

        var entry = await (await _client.PostJsonAsync("/api/visits", Bodies.Visit([xi, wang], "KZ", "2013-09-07"))).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("officials").EnumerateArray().Select(o => (o.Id(), o.GetProperty("role").GetString()))
            .ShouldBe([(xi, "visitor"), (wang, "visitor")], ignoreOrder: true);
        entry.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ShouldBe(["CN", "KZ"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_client_supplied_entry_id_becomes_the_entry_id()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var id = Guid.NewGuid();
        var body = Bodies.Visit([xi], "RU", "2013-03-22/2013-03-24");
        body["id"] = id.ToString();

        var entry = await (await _client.PostJsonAsync("/api/visits", body)).ShouldBeCreatedEntryAsync(_client);

        entry.Id().ShouldBe(id.ToString("D"));
        entry.GetProperty("date").GetProperty("earliest").GetString().ShouldBe("2013-03-22");
        entry.GetProperty("date").GetProperty("latest").GetString().ShouldBe("2013-03-24");
    }

    [Theory]
    [InlineData("2018-05~", "approximate", "c. May 2018")]
    [InlineData("2016-12-25?", "uncertain", "25 December 2016 (uncertain)")]
    [InlineData("2018%", "uncertainAndApproximate", "c. 2018 (uncertain)")]
    public async Task A_qualified_date_keeps_its_qualifier_and_shows_it(string edtf, string qualifier, string display)
    {
        var wang = await Given.OfficialAsync("Wang Qishan", "CN");

        var entry = await (await _client.PostJsonAsync("/api/visits", Bodies.Visit([wang], "RU", edtf))).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("date").GetProperty("edtf").GetString().ShouldBe(edtf);
        entry.GetProperty("date").GetProperty("qualifier").GetString().ShouldBe(qualifier);
        entry.GetProperty("date").GetProperty("display").GetString().ShouldBe(display);
    }

    [Fact]
    public async Task An_open_ended_visit_has_no_latest_day()
    {
        var lavrov = await Given.OfficialAsync("Sergey Lavrov", "RU");

        var entry = await (await _client.PostJsonAsync("/api/visits", Bodies.Visit([lavrov], "CN", "2018-11-27/.."))).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("date").GetProperty("earliest").GetString().ShouldBe("2018-11-27");
        entry.GetProperty("date").GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Surrounding_spaces_are_trimmed_from_title_and_city()
    {
        var wang = await Given.OfficialAsync("Wang Yi", "CN");
        var body = Bodies.Visit([wang], "RU", "2018-04", "  Wang Yi in Moscow  ");
        body["city"] = " Moscow ";

        var entry = await (await _client.PostJsonAsync("/api/visits", body)).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("title").GetString().ShouldBe("Wang Yi in Moscow");
        entry.GetProperty("place").GetProperty("city").GetString().ShouldBe("Moscow");
    }

    [Fact]
    public async Task An_official_who_both_visits_and_hosts_is_a_400_and_nothing_is_written()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var body = Bodies.Visit([wei], "RU", "2018-04");
        body["hostOfficialIds"] = new JsonArray(wei);
        var before = await app.EventCountAsync();

        await (await _client.PostJsonAsync("/api/visits", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "hostOfficialIds");
        (await app.EventCountAsync()).ShouldBe(before);
    }
}
