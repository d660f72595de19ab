using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class HealthAndDocsTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_process_answers_live()
    {
        var health = await _client.GetOkJsonAsync("/health/live");

        health.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task With_PostgreSQL_up_and_the_schema_applied_the_service_is_ready()
    {
        var health = await _client.GetOkJsonAsync("/health/ready");

        health.GetProperty("status").GetString().ShouldBe("Healthy");
        health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    public static TheoryData<string, string, string> DocumentedRoutes => new()
    {
        { "post", "/api/officials", "201 400 409 415" },
        { "post", "/api/officials/{officialId}/offices", "201 400 404 409 415" },
        { "get", "/api/officials", "200 400" },
        { "get", "/api/officials/{officialId}", "200 404" },
        { "post", "/api/visits", "201 400 409 415" },
        { "post", "/api/arms-deliveries", "201 400 409 415" },
        { "post", "/api/joint-statements", "201 400 409 415" },
        { "get", "/api/entries/{id}", "200 400 404" },
        { "get", "/api/timeline", "200 400" },
        { "get", "/api/officials/{officialId}/itinerary", "200 400 404" },
        { "get", "/api/officials/{officialId}/first-overseas-trips", "200 404" },
        { "get", "/api/first-overseas-trips", "200 400" },
        { "get", "/api/chronology", "200 400 404" },
    };

    [Theory]
    [MemberData(nameof(DocumentedRoutes))]
    public async Task The_OpenAPI_document_lists_the_route_with_its_responses(string method, string path, string statuses)
    {
        var document = await _client.GetOkJsonAsync("/swagger/v1/swagger.json");

        document.GetProperty("paths").TryGetProperty(path, out var operations).ShouldBeTrue($"{path} is not documented");
        operations.TryGetProperty(method, out var operation).ShouldBeTrue($"{method.ToUpperInvariant()} {path} is not documented");
        var responses = operation.GetProperty("responses");
        foreach (var status in statuses.Split(' '))
        {
            responses.TryGetProperty(status, out var response).ShouldBeTrue($"{method.ToUpperInvariant()} {path} does not document {status}");
            var mediaType = status.StartsWith('2') ? "application/json" : "application/problem+json";
            response.GetProperty("content").TryGetProperty(mediaType, out var content).ShouldBeTrue($"{status} of {path} is not {mediaType}");
            content.GetProperty("schema").ValueKind.ShouldBe(JsonValueKind.Object);
        }
        if (method == "post")
        {
            operation.GetProperty("requestBody").GetProperty("required").GetBoolean().ShouldBeTrue();
            operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("RecordVisit", "officialIds hostCountry city hostOfficialIds date title description visitType tripId tags sources")]
    [InlineData("RecordArmsDelivery", "supplier recipient system category quantity quantityApproximate date contract title description tags sources")]
    [InlineData("RecordJointStatement", "countries signatoryIds title date place summary tags sources")]
    [InlineData("RegisterOfficial", "id names aliases country wikidataId")]
    [InlineData("Source", "title publisher publishedOn url language quote")]
    public async Task The_OpenAPI_document_describes_each_request_body_with_its_camelCase_fields(string schema, string fields)
    {
        var document = await _client.GetOkJsonAsync("/swagger/v1/swagger.json");

        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).ToList();

        properties.ShouldBeSubsetOf(fields.Split(' ').Append("id"));
        fields.Split(' ').ShouldBeSubsetOf(properties);
    }

    [Fact]
    public async Task The_Swagger_UI_is_served_at_swagger()
    {
        var response = await _client.GetUrlAsync("/swagger");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.TextAsync();
        html.ShouldContain("swagger-ui");
        html.ShouldContain("<title>SinoRussiaTimeline API</title>");
        (await _client.GetUrlAsync("/swagger/swagger-ui-bundle.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
