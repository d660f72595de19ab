using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>HTTP calls that carry the test's cancellation token, and the checks every error answer must pass.</summary>
public static class HttpAssertions
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> GetUrlAsync(this HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative), Ct);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body) =>
        client.PostAsJsonAsync(url, body, Ct);

    /// <summary>Posts text exactly as given, for bodies no serializer would write.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string mediaType = "application/json") =>
        client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType), Ct);

    /// <summary>GETs a JSON answer, failing with the body when the status is not 200.</summary>
    public static async Task<JsonElement> GetOkJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetUrlAsync(url);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>POSTs and expects 201 Created; returns the created resource.</summary>
    public static async Task<JsonElement> PostCreatedAsync(this HttpClient client, string url, JsonNode body)
    {
        var response = await client.PostJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"POST {url}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The answer to a recording route: 201, <c>Location: /api/entries/{id}</c>, <c>ETag: "1"</c>, and the entry as it
    /// stands (active, version 1), which <c>GET /api/entries/{id}</c> then serves identically.
    /// </summary>
    public static async Task<JsonElement> ShouldBeCreatedEntryAsync(this HttpResponseMessage response, HttpClient client)
    {
        var text = await response.TextAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var entry = JsonDocument.Parse(text).RootElement.Clone();
        Guid.TryParseExact(entry.Id(), "D", out _).ShouldBeTrue(text);
        response.Headers.Location!.OriginalString.ShouldBe($"/api/entries/{entry.Id()}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        entry.GetProperty("status").GetString().ShouldBe("active");
        entry.GetProperty("version").GetInt64().ShouldBe(1);

        var read = await client.GetUrlAsync(response.Headers.Location.OriginalString);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var stored = await read.ReadJsonAsync();
        JsonElement.DeepEquals(stored, entry).ShouldBeTrue($"GET answered {await read.TextAsync()} after POST answered {text}");
        return entry;
    }

    public static string Id(this JsonElement resource) => resource.GetProperty("id").GetString()!;

    public static List<string> Ids(this JsonElement array) => array.EnumerateArray().Select(Id).ToList();

    /// <summary>The ids of a page's items, in the order served.</summary>
    public static List<string> ItemIds(this JsonElement page) => page.GetProperty("items").Ids();

    public static async Task<string> TextAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    /// <summary>
    /// The answer is an RFC 9457 problem with this status and, when fields are given, an <c>errors</c> object naming exactly
    /// those fields, each with a message. Nothing of the server's internals (stack traces, .NET type names) shows.
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var text = await response.TextAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        ShouldNotLeakInternals(text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status, text);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        if (fields.Length > 0)
        {
            problem.TryGetProperty("errors", out var errors).ShouldBeTrue($"no errors object in {text}");
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)
                .ShouldBe(fields.Order(StringComparer.Ordinal), $"fields named in {text}");
            foreach (var error in errors.EnumerateObject())
            {
                error.Value.GetArrayLength().ShouldBeGreaterThan(0, text);
                foreach (var message in error.Value.EnumerateArray()) message.GetString().ShouldNotBeNullOrWhiteSpace(text);
            }
        }
        return problem;
    }

    public static void ShouldNotLeakInternals(string text)
    {
        text.ShouldNotContain("System.", Case.Sensitive);
        text.ShouldNotContain("SinoRussiaTimeline.", Case.Sensitive);
        text.ShouldNotContain("   at ", Case.Sensitive);
        text.ShouldNotContain("Exception", Case.Sensitive);
    }
}
