using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class JointStatementsApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Fact]
    public async Task Recording_a_joint_statement_answers_201_with_the_entry_naming_its_signatories()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN", "习近平");
        var putin = await Given.OfficialAsync("Vladimir Putin", "RU", null, "Владимир Путин");
        var body = Bodies.JointStatement(["CN", "RU"], "2017-07-04", [xi, putin], "Joint Statement on the Further Strengthening of Comprehensive Strategic Partnership");
        var sent = body["sources"]!.DeepClone();

        var entry = await (await _client.PostJsonAsync("/api/joint-statements", body)).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("kind").GetString().ShouldBe("jointStatement");
        entry.GetProperty("title").GetString().ShouldBe("Joint Statement on the Further Strengthening of Comprehensive Strategic Partnership");
        entry.GetProperty("description").GetString().ShouldBe(body["summary"]!.GetValue<string>());
        entry.GetProperty("date").GetProperty("edtf").GetString().ShouldBe("2017-07-04");
        entry.GetProperty("date").GetProperty("earliest").GetString().ShouldBe("2017-07-04");
        entry.GetProperty("date").GetProperty("latest").GetString().ShouldBe("2017-07-04");
        entry.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ShouldBe(["CN", "RU"]);
        entry.GetProperty("officials").EnumerateArray().Select(o => (o.Id(), o.GetProperty("name").GetString(), o.GetProperty("role").GetString()))
            .ShouldBe([(xi, "Xi Jinping", "signatory"), (putin, "Vladimir Putin", "signatory")]);
        entry.GetProperty("place").GetProperty("country").GetString().ShouldBe("RU");
        entry.GetProperty("place").GetProperty("city").GetString().ShouldBe("Moscow");
        entry.GetProperty("jointStatement").GetProperty("summary").GetString().ShouldBe(body["summary"]!.GetValue<string>());
        JsonElement.DeepEquals(entry.GetProperty("sources"), JsonSerializer.SerializeToElement(sent)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_statement_of_three_countries_without_signatories_or_place_is_recorded()
    {
        var body = Bodies.JointStatement(["CN", "RU", "KZ"], "2018-06");
        body.Remove("place");

        var entry = await (await _client.PostJsonAsync("/api/joint-statements", body)).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ShouldBe(["CN", "RU", "KZ"]);
        entry.GetProperty("officials").GetArrayLength().ShouldBe(0);
        entry.GetProperty("place").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("one country", "countries")]
    [InlineData("a country twice", "countries")]
    [InlineData("unknown country", "countries[1]")]
    [InlineData("unknown signatory", "signatoryIds[0]")]
    [InlineData("signatory of another country", "signatoryIds[0]")]
    [InlineData("bad place country", "place.country")]
    [InlineData("blank title", "title")]
    [InlineData("no date", "date")]
    public async Task A_joint_statement_with_a_bad_field_is_a_400_naming_it_and_nothing_is_written(string fault, string field)
    {
        var us = await Given.OfficialAsync("Jim Mattis", "US");
        var body = Bodies.JointStatement(["CN", "RU"], "2018-04-03");
        switch (fault)
        {
            case "one country": body["countries"] = Bodies.Array(["CN"]); break;
            case "a country twice": body["countries"] = Bodies.Array(["CN", "RU", "CN"]); break;
            case "unknown country": body["countries"] = Bodies.Array(["CN", "XX"]); break;
            case "unknown signatory": body["signatoryIds"] = Bodies.Array(["nobody-known"]); break;
            case "signatory of another country": body["signatoryIds"] = Bodies.Array([us]); break;
            case "bad place country": body["place"]!["country"] = "Russia"; break;
            case "blank title": body["title"] = ""; break;
            case "no date": body.Remove("date"); break;
        }
        var before = await app.EventCountAsync();

        await (await _client.PostJsonAsync("/api/joint-statements", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await app.EventCountAsync()).ShouldBe(before);
    }
}
