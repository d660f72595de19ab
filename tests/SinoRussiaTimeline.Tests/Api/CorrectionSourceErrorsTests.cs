using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>A correction's bad source is named as the client wrote it (<c>sources[0].url</c>), not by the command's inner path.</summary>
public sealed class CorrectionSourceErrorsTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("url", "not a url", "sources[0].url")]
    [InlineData("language", "english!", "sources[0].language")]
    [InlineData("title", "", "sources[0].title")]
    public async Task A_correction_citing_a_bad_source_is_a_400_naming_the_source_field_as_sent(string field, string value, string named)
    {
        var wei = await new Given(_client).OfficialAsync("Wei Fenghe", "CN");
        var visit = await new Given(_client).VisitAsync(wei, "RU", "2018-04", "Wei Fenghe in Moscow");
        var source = Bodies.Source();
        source[field] = value;
        using var correction = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{visit.Id()}/corrections")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new JsonObject
            {
                ["changes"] = new JsonObject { ["date"] = "2018-04-03" },
                ["reason"] = "The ministry gives the day.",
                ["sources"] = new JsonArray(source),
            }),
        };
        correction.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        var response = await _client.SendAsync(correction, TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, named);
    }

    [Fact]
    public async Task A_correction_without_sources_is_a_400_naming_sources()
    {
        var wei = await new Given(_client).OfficialAsync("Wei Fenghe", "CN");
        var visit = await new Given(_client).VisitAsync(wei, "RU", "2018-04", "Wei Fenghe in Moscow");
        using var correction = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{visit.Id()}/corrections")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new JsonObject
            {
                ["changes"] = new JsonObject { ["date"] = "2018-04-03" },
                ["reason"] = "The ministry gives the day.",
                ["sources"] = new JsonArray(),
            }),
        };
        correction.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        var response = await _client.SendAsync(correction, TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sources");
    }
}
