using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Exports;

/// <summary>The export tests share one service (one schema, one host start): the machine is small. Each test empties the store first.</summary>
[CollectionDefinition(Name)]
public sealed class SharedExportsService : ICollectionFixture<TimelineApp>
{
    public const string Name = "Exports";
}

/// <summary>Text that breaks naive writers of every format: separators, quotes, line breaks, markup, escapes, scripts of three languages.</summary>
internal static class Nasty
{
    public const string Title = "Talks, \"frank\"; open\nand long <script>alert('x')</script> a\\b & Ü 习近平 Си";
    public const string Description = "Line one, with \"quotes\";\r\nline two <b>bold</b> & <img src=x onerror=alert(1)>\\ end";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
}

/// <summary>Writes and reads that the export tests share, through the public API as a client would.</summary>
internal static class ExportScenario
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The ids /api/timeline lists for these filters, following nextCursor to the last page (50 a page).</summary>
    public static async Task<List<string>> TimelineIdsAsync(this HttpClient client, string filters)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetOkJsonAsync($"/api/timeline?{filters}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            ids.AddRange(page.ItemIds());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        return ids;
    }

    public static async Task<JsonElement> CorrectAsync(this HttpClient client, string entryId, long version, JsonObject changes, string reason)
    {
        var body = new JsonObject { ["changes"] = changes, ["reason"] = reason, ["sources"] = Bodies.Sources() };
        return await SendWithIfMatchAsync(client, $"/api/entries/{entryId}/corrections", version, body);
    }

    public static async Task<JsonElement> RetractAsync(this HttpClient client, string entryId, long version, string reason) =>
        await SendWithIfMatchAsync(client, $"/api/entries/{entryId}/retraction", version, new JsonObject { ["reason"] = reason });

    private static async Task<JsonElement> SendWithIfMatchAsync(HttpClient client, string url, long version, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var response = await client.SendAsync(request, Ct);
        var text = await response.TextAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"POST {url}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string RecordedAt(this JsonElement entry) => entry.GetProperty("recordedAt").GetString()!;

    /// <summary>
    /// More entries than one timeline page involve China and Russia (visits to Russia, deliveries from it, statements),
    /// at every precision; others involve Kazakhstan or India; one of each kind is corrected or retracted.
    /// </summary>
    public static async Task<Recorded> RecordMixedAsync(HttpClient client)
    {
        var given = new Given(client);
        var xi = await given.OfficialAsync("Xi Jinping", "CN", "习近平", "Си Цзиньпин");
        var putin = await given.OfficialAsync("Vladimir Putin", "RU");
        var ids = new List<string>();
        for (var i = 0; i < 64; i += 4)
        {
            var batch = Enumerable.Range(i, 4).Select(n => n switch
            {
                _ when n % 16 == 15 => given.VisitAsync(xi, "KZ", DateFor(n)),
                _ when n % 8 == 3 => given.ArmsDeliveryAsync("RU", n % 16 == 3 ? "IN" : "CN", DateFor(n), b => b.Remove("contract")),
                _ when n % 8 == 5 => given.JointStatementAsync(["CN", "RU"], DateFor(n), [xi, putin]),
                _ => given.VisitAsync(xi, "RU", DateFor(n), with: b => b["hostOfficialIds"] = Bodies.Array([putin])),
            });
            ids.AddRange((await Task.WhenAll(batch)).Select(e => e.Id()));
        }
        await client.CorrectAsync(ids[0], 1, new JsonObject { ["title"] = "Corrected title" }, "The source names it otherwise.");
        await client.RetractAsync(ids[1], 1, "Never happened.");
        return new Recorded(xi, putin, ids);
    }

    // Every precision and form: day, month, year, span of days, span of months, open end, qualifiers.
    private static string DateFor(int n)
    {
        var year = 2013 + n % 7;
        var month = 1 + n * 5 % 12;
        return (n % 7) switch
        {
            0 => $"{year}-{month:00}-{1 + n % 27:00}",
            1 => $"{year}-{month:00}",
            2 => $"{year}",
            3 => $"{year}-{month:00}-03/{year}-{month:00}-09",
            4 => $"{year}-01/{year}-{month:00}",
            5 => $"{year}-{month:00}-{1 + n % 27:00}/..",
            _ => $"{year}-{month:00}~",
        };
    }

    public sealed record Recorded(string Xi, string Putin, IReadOnlyList<string> Ids)
    {
        public string Corrected => Ids[0];
        public string Retracted => Ids[1];
    }
}
