using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>
/// What one request may ask is bounded, and going over a bound is a clear problem that names it: the body's size (413),
/// the URL's length (414), the number of query parameters and the size of each list or text in a query (400). Nothing
/// is written by a refused request.
/// </summary>
public sealed class LimitsTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_over_256_KiB_is_refused_with_413_naming_the_limit_and_nothing_is_written()
    {
        var officialId = await Given.OfficialAsync("Wei Fenghe", "CN");
        var body = Bodies.Visit([officialId], "RU", "2018-04");
        body["description"] = new string('x', MaxBodyBytes);
        var before = await app.EventCountAsync();

        var response = await _client.PostRawAsync("/api/visits", body.ToJsonString());

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("maxBodyBytes").GetInt64().ShouldBe(MaxBodyBytes);
        problem.GetProperty("detail").GetString()!.ShouldContain("256 KiB");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_sent_in_chunks_without_a_length_is_held_to_the_same_limit()
    {
        var officialId = await Given.OfficialAsync("Wei Fenghe", "CN");
        var body = Bodies.Visit([officialId], "RU", "2018-04");
        body["description"] = new string('x', MaxBodyBytes);
        var before = await app.EventCountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits")
        {
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body.ToJsonString()))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request, Ct);

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge)).GetProperty("maxBodyBytes").GetInt64().ShouldBe(MaxBodyBytes);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_largest_valid_visit_in_Chinese_fits_within_the_body_limit()
    {
        var officialId = await Given.OfficialAsync("Wei Fenghe", "CN");
        var body = Bodies.Visit([officialId], "RU", "2018-04");
        body["title"] = new string('访', 300);
        body["description"] = new string('问', 4000);
        body["tags"] = new JsonArray(Enumerable.Range(0, 20).Select(i => (JsonNode?)(new string('标', 48) + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture))).ToArray());
        body["sources"] = new JsonArray(Enumerable.Range(0, 20).Select(i => (JsonNode?)new JsonObject
        {
            ["title"] = new string('题', 300),
            ["publisher"] = new string('社', 200),
            ["url"] = "https://news.example.org/" + new string('a', 1900) + i,
            ["language"] = "zh-Hans",
            ["quote"] = new string('引', 2000),
        }).ToArray());
        var json = body.ToJsonString(Unescaped);
        Encoding.UTF8.GetByteCount(json).ShouldBeGreaterThan(150_000, "the body should be near the limit to prove anything");

        var response = await _client.PostRawAsync("/api/visits", json);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.TextAsync());
    }

    [Fact]
    public async Task An_overlong_query_string_is_refused_with_414_naming_the_limit()
    {
        var response = await _client.GetUrlAsync("/api/timeline?q=" + new string('a', 100) + "&cursor=" + new string('b', 3000));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong);
        problem.GetProperty("maxQueryStringLength").GetInt32().ShouldBe(2048);
    }

    [Fact]
    public async Task An_overlong_path_is_refused_with_414()
    {
        var response = await _client.GetUrlAsync("/api/officials/" + new string('a', 2000));

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong)).GetProperty("maxPathLength").GetInt32().ShouldBe(1024);
    }

    [Fact]
    public async Task More_than_30_query_parameters_are_refused_with_400()
    {
        var query = "countries=CN&" + string.Join('&', Enumerable.Range(0, 30).Select(i => $"x{i}=1"));

        var response = await _client.GetUrlAsync("/api/timeline?" + query);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "query");
        problem.GetProperty("maxQueryParameters").GetInt32().ShouldBe(30);
    }

    [Theory]
    [InlineData("countries=CN,RU,US,FR,DE,GB,JP,IN,BR,ZA,KZ", "countries")]
    [InlineData("kinds=visit,armsDelivery,jointStatement,visit", "kinds")]
    [InlineData("q=", "q")]
    public async Task A_timeline_query_asking_too_much_is_refused_with_400_naming_the_parameter(string query, string field)
    {
        if (query == "q=") query += new string('a', 201);

        var response = await _client.GetUrlAsync("/api/timeline?" + query);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_timeline_query_at_every_bound_is_answered()
    {
        var response = await _client.GetUrlAsync("/api/timeline?countries=CN,RU,US,FR,DE,GB,JP,IN,BR,ZA&kinds=visit,armsDelivery,jointStatement&limit=500&q="
                                                  + new string('a', 200));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.TextAsync());
    }

    /// <summary>A body whose length the client cannot tell in advance, as a streamed upload.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
