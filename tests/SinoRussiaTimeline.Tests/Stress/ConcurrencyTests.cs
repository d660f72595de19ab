using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Stress;

/// <summary>
/// Sixteen clients at once on the same few entries and officials. Correctors race to correct the same entries, each
/// naming the version it read (If-Match) and, on 412, reading again and retrying; recorders add visits for the same
/// officials, whose itineraries the corrections rewrite too. No acknowledged write may be lost, doubled or overwritten.
/// </summary>
public sealed class ConcurrencyTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private const int Correctors = 8;
    private const int Recorders = 8;
    private const int CorrectionsPerCorrector = 5;
    private const int VisitsPerRecorder = 6;
    private const int AttemptsPerCorrection = 40;

    private static readonly JsonArray CorrectionSources = [new JsonObject { ["title"] = "Ministry release", ["publisher"] = "Ministry of Defence" }];

    [Fact]
    public async Task Parallel_correctors_and_recorders_lose_no_acknowledged_write_and_duplicate_none()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();
        var given = new Given(client);
        string[] officials = [await given.OfficialAsync("Wei Fenghe", "CN"), await given.OfficialAsync("Wang Yi", "CN"), await given.OfficialAsync("Li Keqiang", "CN")];
        var contested = new List<string>();
        for (var i = 0; i < officials.Length; i++)
            contested.Add((await given.VisitAsync([officials[i], officials[(i + 1) % officials.Length]], "RU", $"2018-04-0{i + 1}", $"Contested visit {i}")).Id());
        var eventsBefore = await app.EventCountAsync();

        var run = new Run();
        await Task.WhenAll(
            Enumerable.Range(0, Correctors).Select(c => Task.Run(() => CorrectAsync(run, c, contested, ct), ct))
                .Concat(Enumerable.Range(0, Recorders).Select(r => Task.Run(() => RecordAsync(run, r, officials, ct), ct))));

        Figures.Report("concurrency", $"{Correctors + Recorders} clients, {run.Requests} requests, {run.Corrections.Count} corrections acknowledged (201), "
                                      + $"{run.Stale} stale (412), {run.Retries} retries, {run.GaveUp} corrections given up after {AttemptsPerCorrection} attempts, "
                                      + $"{run.Visits.Count} visits acknowledged (201), {run.ServerErrors} 5xx");

        run.Unexpected.ShouldBeEmpty("answers other than 200, 201 and 412");
        run.ServerErrors.ShouldBe(0);
        run.Corrections.Count.ShouldBeGreaterThan(0);
        run.Visits.Count.ShouldBe(Recorders * VisitsPerRecorder);

        // No lost update: each contested entry's history is versions 1..n, one per acknowledged correction plus the recording,
        // and the entry stands as the correction acknowledged last left it.
        foreach (var entryId in contested)
        {
            var acknowledged = run.Corrections.Where(c => c.EntryId == entryId).OrderBy(c => c.Version).ToList();
            var history = await client.GetOkJsonAsync($"/api/entries/{entryId}/history");
            var versions = history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt64()).ToList();
            versions.ShouldBe(Enumerable.Range(1, versions.Count).Select(v => (long)v), $"versions in the history of {entryId}");
            acknowledged.Select(c => c.Version).ShouldBe(Enumerable.Range(2, versions.Count - 1).Select(v => (long)v),
                $"each version after the first of {entryId} acknowledged to exactly one corrector");
            var entry = await client.GetOkJsonAsync($"/api/entries/{entryId}");
            entry.GetProperty("version").GetInt64().ShouldBe(versions.Count);
            if (acknowledged.Count > 0) entry.GetProperty("title").GetString().ShouldBe(acknowledged[^1].Title);
        }

        // No duplicate: the timeline holds each recorded entry once, and each itinerary each acknowledged visit once.
        var recorded = contested.Concat(run.Visits.Select(v => v.Id)).ToList();
        var timeline = await client.GetOkJsonAsync("/api/timeline?limit=500");
        timeline.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        timeline.ItemIds().Order(StringComparer.Ordinal).ShouldBe(recorded.Order(StringComparer.Ordinal));
        foreach (var official in officials)
        {
            var itinerary = await client.GetOkJsonAsync($"/api/officials/{official}/itinerary");
            var expected = run.Visits.Where(v => v.OfficialIds.Contains(official)).Select(v => v.Id)
                .Concat(contested.Where((_, i) => i == Array.IndexOf(officials, official) || (i + 1) % officials.Length == Array.IndexOf(officials, official)));
            itinerary.GetProperty("visits").Ids().Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal), $"itinerary of {official}");
        }

        // And the log holds one event per acknowledged write, nothing more.
        (await app.EventCountAsync()).ShouldBe(eventsBefore + run.Corrections.Count + run.Visits.Count);
    }

    private async Task CorrectAsync(Run run, int corrector, List<string> entries, CancellationToken ct)
    {
        var client = app.CreateClient();
        var random = new Random(corrector);
        for (var n = 0; n < CorrectionsPerCorrector; n++)
        {
            var entryId = entries[random.Next(entries.Count)];
            var title = $"Corrected by corrector {corrector}, correction {n}";
            for (var attempt = 1; ; attempt++)
            {
                if (attempt > AttemptsPerCorrection)
                {
                    Interlocked.Increment(ref run.GaveUp);
                    break;
                }
                if (attempt > 1) Interlocked.Increment(ref run.Retries);

                using var read = await run.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/api/entries/{entryId}"), ct);
                if (read.StatusCode != HttpStatusCode.OK) break;

                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{entryId}/corrections")
                {
                    Content = JsonContent(new JsonObject
                    {
                        ["changes"] = new JsonObject { ["title"] = title },
                        ["reason"] = $"Corrector {corrector} read the release again.",
                        ["sources"] = CorrectionSources.DeepClone(),
                    }),
                };
                request.Headers.IfMatch.Add(read.Headers.ETag!);
                using var response = await run.SendAsync(client, request, ct);
                if (response.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    Interlocked.Increment(ref run.Stale);
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var entry = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
                    entry.GetProperty("title").GetString().ShouldBe(title);
                    run.Corrections.Add(new Correction(entryId, entry.GetProperty("version").GetInt64(), title));
                }
                break;
            }
        }
    }

    private async Task RecordAsync(Run run, int recorder, string[] officials, CancellationToken ct)
    {
        var client = app.CreateClient();
        for (var n = 0; n < VisitsPerRecorder; n++)
        {
            // Every third visit has two visitors, so one write changes two shared itineraries.
            string[] visitors = n % 3 == 0
                ? [officials[(recorder + n) % officials.Length], officials[(recorder + n + 1) % officials.Length]]
                : [officials[(recorder + n) % officials.Length]];
            var body = Bodies.Visit(visitors, "RU", $"2019-{recorder + 1:00}-{n + 1:00}", $"Visit {n} by recorder {recorder}");
            using var response = await run.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/visits") { Content = JsonContent(body) }, ct);
            if (response.StatusCode == HttpStatusCode.Created)
                run.Visits.Add(new Visit(JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Id(), visitors));
        }
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), new MediaTypeHeaderValue("application/json"));

    private sealed record Correction(string EntryId, long Version, string Title);

    private sealed record Visit(string Id, string[] OfficialIds);

    /// <summary>What every client saw, gathered across threads.</summary>
    private sealed class Run
    {
        public int Requests;
        public int Stale;
        public int Retries;
        public int GaveUp;
        public int ServerErrors;
        public readonly ConcurrentBag<Correction> Corrections = [];
        public readonly ConcurrentBag<Visit> Visits = [];
        public readonly ConcurrentBag<string> Unexpected = [];

        public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref Requests);
            var response = await client.SendAsync(request, ct);
            if ((int)response.StatusCode >= 500) Interlocked.Increment(ref ServerErrors);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.PreconditionFailed))
                Unexpected.Add($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            return response;
        }
    }
}
