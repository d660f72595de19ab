using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>
/// What a client generator or a reader of the OpenAPI document relies on beyond the routes themselves: which fields are
/// required, which may be null, the If-Match header, open routes marked open, described tags; and the `openapi` verb
/// (which the lint reads) writes exactly the document the service serves.
/// </summary>
public sealed class OpenApiDocumentTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<JsonElement> DocumentAsync() => await _client.GetOkJsonAsync("/swagger/v1/swagger.json");

    [Theory]
    [InlineData("RecordVisit", "date hostCountry officialIds sources title")]
    [InlineData("Source", "publisher title")]
    [InlineData("CorrectionInput", "reason sources")]
    [InlineData("RegisterOfficial", "country names")]
    public async Task The_fields_a_client_must_send_are_listed_as_required(string schema, string required)
    {
        var document = await DocumentAsync();

        document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("required")
            .EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal).ShouldBe(required.Split(' '));
    }

    [Fact]
    public async Task A_field_that_may_be_null_says_its_type_so_the_null_is_not_lost_on_clients()
    {
        var document = await DocumentAsync();

        var contract = document.GetProperty("components").GetProperty("schemas").GetProperty("RecordArmsDelivery").GetProperty("properties").GetProperty("contract");
        contract.GetProperty("type").GetString().ShouldBe("object");
        contract.GetProperty("nullable").GetBoolean().ShouldBeTrue();
        var qualifier = document.GetProperty("components").GetProperty("schemas").GetProperty("DateResponse").GetProperty("properties").GetProperty("qualifier");
        qualifier.GetProperty("type").GetString().ShouldBe("string");
    }

    [Theory]
    [InlineData("/api/entries/{id}/corrections")]
    [InlineData("/api/entries/{id}/retraction")]
    public async Task Corrections_and_retractions_document_the_If_Match_header_they_require(string path)
    {
        var document = await DocumentAsync();

        var parameters = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("parameters").EnumerateArray();
        var ifMatch = parameters.Single(p => p.GetProperty("name").GetString() == "If-Match");
        ifMatch.GetProperty("in").GetString().ShouldBe("header");
        ifMatch.GetProperty("required").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Every_tag_is_described_and_every_operation_states_its_security()
    {
        var document = await DocumentAsync();

        foreach (var tag in document.GetProperty("tags").EnumerateArray())
            tag.TryGetProperty("description", out var description).ShouldBeTrue($"tag {tag.GetProperty("name")} has no description");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                operation.Value.TryGetProperty("security", out _).ShouldBeTrue($"{operation.Name} {path.Name} states no security");
    }

    [Fact]
    public async Task The_openapi_verb_writes_the_document_the_service_serves_without_a_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var served = JsonNode.Parse(await _client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative), ct));
        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        // The assembly the tests load is the app itself; its verb runs in a process of its own, given no reachable database.
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "openapi", file, "--Logging:LogLevel:Default=Warning"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Timeline"] = "Host=127.0.0.1;Port=1;Database=unreachable" },
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(ct) + await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);

            process.ExitCode.ShouldBe(0, output);
            JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(file, ct)), served).ShouldBeTrue("the written document differs from the served one");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
