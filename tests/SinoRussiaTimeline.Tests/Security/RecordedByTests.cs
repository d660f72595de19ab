using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Security;

/// <summary>Every stored event names the key that wrote it, and the history and the audit export show that name.</summary>
public sealed class RecordedByTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _editor = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A visit recorded with the editor's key (X-Api-Key), then corrected with the chief's key sent as a bearer token.</summary>
    private async Task<string> VisitWrittenByTwoKeysAsync()
    {
        var officialId = await new Given(_editor).OfficialAsync("Wei Fenghe", "CN");
        var entryId = (await new Given(_editor).VisitAsync(officialId, "RU", "2018-04")).Id();
        using var correction = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{entryId}/corrections")
        {
            Content = JsonContent.Create(new { changes = new { title = "Wei Fenghe visits Moscow" }, reason = "The title was vague.", sources = Bodies.Sources() }),
        };
        correction.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        correction.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.EditorAndAuditor.Key);
        var response = await app.CreateAnonymousClient().SendAsync(correction, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.TextAsync());
        return entryId;
    }

    [Fact]
    public async Task The_history_shows_the_name_of_the_key_that_recorded_each_version()
    {
        var entryId = await VisitWrittenByTwoKeysAsync();

        var history = await app.CreateAnonymousClient().GetOkJsonAsync($"/api/entries/{entryId}/history");

        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recordedBy").GetString())
            .ShouldBe([TestKeys.Editor.Name, TestKeys.EditorAndAuditor.Name]);
    }

    [Fact]
    public async Task The_audit_export_shows_the_name_of_the_key_that_recorded_each_event()
    {
        var entryId = await VisitWrittenByTwoKeysAsync();
        var auditor = app.CreateAuditorClient();
        var lastSequence = (await auditor.GetOkJsonAsync("/api/audit/head")).GetProperty("latestSequence").GetInt64();
        await WaitUntilChainedAsync(auditor, lastSequence);

        var export = await auditor.GetUrlAsync("/api/audit/events");

        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = (await export.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Where(l => l.GetProperty("streamId").GetString() == entryId).Select(l => l.GetProperty("recordedBy").GetString())
            .ShouldBe([TestKeys.Editor.Name, TestKeys.EditorAndAuditor.Name]);
        lines.ShouldAllBe(l => l.GetProperty("recordedBy").GetString() != "anonymous");
    }

    // The chain is extended by the async daemon, a moment after the write; the export shows only chained events.
    private static async Task WaitUntilChainedAsync(HttpClient auditor, long sequence)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while ((await auditor.GetOkJsonAsync("/api/audit/head")).GetProperty("sequence").GetInt64() < sequence)
        {
            deadline.IsCancellationRequested.ShouldBeFalse($"the audit chain did not reach sequence {sequence} within a minute");
            await Task.Delay(100, Ct);
        }
    }
}
