using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Exports;

/// <summary>Swagger shows each export under "Exports", with the type it serves and the parameters it takes, each explained.</summary>
[Collection(SharedExportsService.Name)]
public sealed class ExportsDocsTests(TimelineApp app)
{
    private static readonly string[] Filters = ["countries", "from", "to", "kinds", "officialId", "q", "includeRetracted", "asOf", "order"];

    [Theory]
    [InlineData("/api/timeline.csv", "text/csv", "countries,from,to,kinds,officialId,q,includeRetracted,asOf,order")]
    [InlineData("/api/timeline/timelinejs", "application/json", "countries,from,to,kinds,officialId,q,includeRetracted,asOf,order")]
    [InlineData("/api/officials/{officialId}/itinerary.ics", "text/calendar", "officialId,asOf")]
    [InlineData("/api/feed.atom", "application/atom+xml", "limit")]
    public async Task Each_export_is_documented_with_its_content_type_and_parameters(string route, string contentType, string parameters)
    {
        var document = await app.CreateAnonymousClient().GetOkJsonAsync("/swagger/v1/swagger.json");

        var operation = document.GetProperty("paths").GetProperty(route).GetProperty("get");
        operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Exports"]);
        operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        operation.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name).ShouldBe([contentType]);
        operation.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        var documented = operation.GetProperty("parameters").EnumerateArray().ToList();
        documented.Select(p => p.GetProperty("name").GetString()).ShouldBe(parameters.Split(','));
        foreach (var parameter in documented)
            parameter.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace($"{route}: {parameter}");
        if (parameters.Contains("countries", StringComparison.Ordinal))
            documented.Select(p => p.GetProperty("name").GetString()).ShouldBe(Filters, "the timeline's filters, without its paging");
    }

    [Fact]
    public async Task The_TimelineJS_schema_uses_the_formats_own_field_names()
    {
        var document = await app.CreateAnonymousClient().GetOkJsonAsync("/swagger/v1/swagger.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Names(schemas.GetProperty("TimelineJsDocument")).ShouldBe(["title", "events"]);
        Names(schemas.GetProperty("TimelineJsEvent")).ShouldBe(["start_date", "end_date", "display_date", "text", "group", "unique_id"]);
        Names(schemas.GetProperty("TimelineJsDate")).ShouldBe(["year", "month", "day", "display_date"]);
    }

    private static List<string> Names(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
}
