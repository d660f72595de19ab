using System.Net;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>
/// PostgreSQL cannot store the null character (U+0000) in JSON: text holding one is refused as the client's fault, naming
/// the field, and nothing is written (it used to reach the store and fail with a 500).
/// </summary>
public sealed class NullCharacterTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Theory]
    [InlineData("title")]
    [InlineData("description")]
    [InlineData("sources[0].quote")]
    [InlineData("tags[0]")]
    public async Task A_visit_with_a_null_character_in_a_text_field_is_a_400_naming_the_field_and_nothing_is_written(string field)
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var body = Bodies.Visit([wei], "RU", "2018-04-03");
        Set(body, field, "Moscow\0talks");
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync("/api/visits", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await response.TextAsync()).ShouldContain("U+0000");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_official_whose_name_holds_a_null_character_is_a_400_naming_the_name()
    {
        var response = await _client.PostJsonAsync("/api/officials", Bodies.Official("Wei\0Fenghe", "CN"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "names.en");
    }

    [Fact]
    public async Task A_correction_to_a_title_with_a_null_character_is_a_400_naming_the_change_and_the_entry_stays_as_it_was()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var visit = await Given.VisitAsync(wei, "RU", "2018-04-03", "Wei Fenghe in Moscow");
        var correction = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{visit.Id()}/corrections")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new JsonObject
            {
                ["changes"] = new JsonObject { ["title"] = "Wei Fenghe\0in Minsk" },
                ["reason"] = "Misread the dateline.",
                ["sources"] = Bodies.Sources(),
            }),
        };
        correction.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));

        var response = await _client.SendAsync(correction, TestContext.Current.CancellationToken);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "changes.title");
        problem.GetProperty("errors").GetProperty("changes.title")[0].GetString().ShouldBe("Text must not contain the null character (U+0000).");
        (await _client.GetOkJsonAsync($"/api/entries/{visit.Id()}")).GetProperty("title").GetString().ShouldBe("Wei Fenghe in Moscow");
    }

    [Fact]
    public async Task Searching_officials_for_text_with_a_null_character_is_a_400_naming_q()
    {
        var response = await _client.GetUrlAsync("/api/officials?q=shoi%00gu");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "q");
    }

    private static void Set(JsonObject body, string field, string value)
    {
        JsonNode node = body;
        var steps = field.Replace("]", "", StringComparison.Ordinal).Split('.', '[');
        foreach (var step in steps[..^1]) node = int.TryParse(step, out var index) ? node[index]! : node[step]!;
        if (int.TryParse(steps[^1], out var at)) node[at] = value;
        else node[steps[^1]] = value;
    }
}
