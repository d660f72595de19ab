using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Audit;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// The audit log as an auditor takes it: the NDJSON export with each line's chain hash, the head, the server's own
/// verification, and an offline check of the export (in process and with the app's <c>verify</c> verb).
/// </summary>
public sealed class AuditTrailTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    // Writes and reads the audit routes: a key with both roles.
    private readonly HttpClient _client = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] LineMembers =
        ["correlationId", "data", "hash", "previousHash", "recordedAt", "recordedBy", "sequence", "streamId", "type", "version"];

    /// <summary>An official, an office, a visit, its correction and its retraction: every kind of event the log holds.</summary>
    private async Task<string> WriteSomeHistoryAsync()
    {
        var official = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        await _client.RecordOfficeAsync(official, "Minister of National Defense", "2018-03-19");
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var corrected = await _client.CorrectedAsync(visit, new { date = "2018-04-03", city = "Moscow" });
        await _client.RetractedAsync(corrected);
        return Journal.Id(visit);
    }

    [Fact]
    public async Task The_export_is_NDJSON_in_sequence_order_each_line_linked_to_the_one_before_and_ending_at_the_head()
    {
        await WriteSomeHistoryAsync();
        var head = await _client.WaitForChainAsync();

        var export = await _client.ExportAsync();

        export.ShouldEndWith("\n");
        var lines = AuditTrail.Lines(export);
        lines.Count.ShouldBe((int)head.EventsChained);
        foreach (var line in lines)
            line.EnumerateObject().Select(p => p.Name).ShouldBe(LineMembers, "each line is the canonical record with its two links, members in order");
        var sequences = lines.Select(l => l.GetProperty("sequence").GetInt64()).ToList();
        sequences.Zip(sequences.Skip(1)).ShouldAllBe(p => p.First < p.Second);
        sequences[^1].ShouldBe(head.Sequence);
        lines[0].GetProperty("previousHash").GetString().ShouldBe(AuditChain.Genesis);
        for (var i = 1; i < lines.Count; i++)
            lines[i].GetProperty("previousHash").GetString().ShouldBe(lines[i - 1].GetProperty("hash").GetString(), $"line {i + 1}");
        lines[^1].GetProperty("hash").GetString().ShouldBe(head.Hash);
        lines.Select(l => l.GetProperty("type").GetString()).ShouldContain("visit_corrected");
        lines.ShouldAllBe(l => l.GetProperty("recordedBy").GetString() == TestKeys.EditorAndAuditor.Name);
    }

    [Fact]
    public async Task An_export_verifies_offline_against_the_head_and_with_the_verify_verb_of_the_built_app()
    {
        await WriteSomeHistoryAsync();
        var head = await _client.WaitForChainAsync();
        var export = await _client.ExportAsync();
        var count = AuditTrail.Lines(export).Count;

        var result = await AuditTrail.VerifyOfflineAsync(export, head.Hash, AuditChain.Genesis);

        result.Valid.ShouldBeTrue(result.Problem);
        (result.EventsChecked, result.LastSequence, result.HeadHash).ShouldBe((count, head.Sequence, head.Hash));
        var (exitCode, output) = await AuditTrail.RunVerifyVerbAsync(export, head.Hash);
        exitCode.ShouldBe(0, output);
        output.ShouldContain($"valid: {count} events, last sequence {head.Sequence}, head {head.Hash}");
    }

    [Fact]
    public async Task An_export_checked_against_another_head_fails_offline_and_the_verify_verb_exits_1()
    {
        await WriteSomeHistoryAsync();
        var head = await _client.WaitForChainAsync();
        var export = await _client.ExportAsync();
        var lines = AuditTrail.Lines(export);
        var earlier = lines[^2].GetProperty("hash").GetString()!;

        var result = await AuditTrail.VerifyOfflineAsync(export, earlier);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(head.Sequence);
        var (exitCode, output) = await AuditTrail.RunVerifyVerbAsync(export, earlier);
        exitCode.ShouldBe(1, output);
        output.ShouldContain("INVALID");
        var truncated = string.Concat(export.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Select(l => l + "\n"));
        var (cutExit, cutOutput) = await AuditTrail.RunVerifyVerbAsync(truncated, head.Hash);
        cutExit.ShouldBe(1, "an export missing its last event does not reach the published head: " + cutOutput);
    }

    [Fact]
    public async Task The_server_verifies_the_stored_chain_and_agrees_with_the_head()
    {
        await WriteSomeHistoryAsync();
        var head = await _client.WaitForChainAsync();

        var verification = await _client.GetJsonAsync("/api/audit/verify");

        verification.GetProperty("valid").GetBoolean().ShouldBeTrue(verification.ToString());
        verification.GetProperty("eventsChecked").GetInt64().ShouldBe(head.EventsChained);
        verification.GetProperty("headSequence").GetInt64().ShouldBe(head.Sequence);
        verification.GetProperty("headHash").GetString().ShouldBe(head.Hash);
        verification.GetProperty("firstBadSequence").ValueKind.ShouldBe(JsonValueKind.Null);
        verification.GetProperty("unchainedEvents").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Pages_of_the_export_after_a_sequence_are_the_same_lines_and_verify_from_where_they_start()
    {
        await WriteSomeHistoryAsync();
        await WriteSomeHistoryAsync();
        await _client.WaitForChainAsync();
        var export = await _client.ExportAsync();
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parsed = AuditTrail.Lines(export);

        var pages = new List<string>();
        long after = 0;
        while (true)
        {
            var page = await _client.ExportAsync($"?after={after}&limit=4");
            var pageLines = AuditTrail.Lines(page);
            if (pageLines.Count == 0) break;
            pageLines.Count.ShouldBeLessThanOrEqualTo(4);
            pageLines.ShouldAllBe(l => l.GetProperty("sequence").GetInt64() > after);
            pages.Add(page);
            after = pageLines[^1].GetProperty("sequence").GetInt64();
        }

        string.Concat(pages).ShouldBe(export, "the pages put together are the export, byte for byte");
        var k = parsed[5].GetProperty("sequence").GetInt64();
        var tail = await _client.ExportAsync($"?after={k}&limit=3");
        tail.ShouldBe(string.Concat(lines.Skip(6).Take(3).Select(l => l + "\n")));
        var fromK = await AuditTrail.VerifyOfflineAsync(tail, parsed[8].GetProperty("hash").GetString(), parsed[5].GetProperty("hash").GetString());
        fromK.Valid.ShouldBeTrue(fromK.Problem);
        (await AuditTrail.VerifyOfflineAsync(tail, null, AuditChain.Genesis)).Valid.ShouldBeFalse("a page does not start the log");
        (await _client.ExportAsync($"?after={parsed[^1].GetProperty("sequence").GetInt64()}")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=-5", "limit")]
    [InlineData("?after=first", "after")]
    public async Task An_export_with_a_bad_parameter_is_400_naming_it(string query, string field)
    {
        await (await _client.GetAsync("/api/audit/events" + query, Ct)).ShouldRejectFieldsAsync(field);
    }

    [Fact]
    public async Task The_chain_only_grows_an_earlier_export_is_a_prefix_of_a_later_one_and_still_reaches_its_head()
    {
        await WriteSomeHistoryAsync();
        var earlierHead = await _client.WaitForChainAsync();
        var earlier = await _client.ExportAsync();

        await WriteSomeHistoryAsync();
        var laterHead = await _client.WaitForChainAsync();
        var later = await _client.ExportAsync();

        laterHead.Sequence.ShouldBeGreaterThan(earlierHead.Sequence);
        later.ShouldStartWith(earlier);
        (await AuditTrail.VerifyOfflineAsync(earlier, earlierHead.Hash, AuditChain.Genesis)).Valid.ShouldBeTrue();
        (await AuditTrail.VerifyOfflineAsync(later, laterHead.Hash, AuditChain.Genesis)).Valid.ShouldBeTrue();
        AuditTrail.Lines(later).Single(l => l.GetProperty("sequence").GetInt64() == earlierHead.Sequence).GetProperty("hash").GetString()
            .ShouldBe(earlierHead.Hash, "a head published earlier stays in the chain");
    }

    [Fact]
    public async Task The_export_holds_exactly_what_the_entry_history_shows()
    {
        var id = await WriteSomeHistoryAsync();
        await _client.WaitForChainAsync();

        var history = (await _client.GetJsonAsync($"/api/entries/{id}/history")).GetProperty("items").EnumerateArray().ToList();
        var exported = AuditTrail.Lines(await _client.ExportAsync()).Where(l => l.GetProperty("streamId").GetString() == id).ToList();

        exported.Count.ShouldBe(history.Count);
        foreach (var (line, item) in exported.Zip(history))
        {
            line.GetProperty("sequence").GetInt64().ShouldBe(item.GetProperty("sequence").GetInt64());
            line.GetProperty("version").GetInt64().ShouldBe(item.GetProperty("version").GetInt64());
            line.GetProperty("type").GetString().ShouldBe(item.GetProperty("type").GetString());
            line.GetProperty("recordedAt").GetDateTimeOffset().ShouldBe(item.GetProperty("recordedAt").GetDateTimeOffset());
            line.GetProperty("recordedBy").GetString().ShouldBe(item.GetProperty("recordedBy").GetString());
            line.GetProperty("correlationId").GetString().ShouldBe(item.GetProperty("correlationId").GetString());
            JsonNode.DeepEquals(JsonNode.Parse(line.GetProperty("data").GetRawText()), JsonNode.Parse(item.GetProperty("data").GetRawText()))
                .ShouldBeTrue($"sequence {line.GetProperty("sequence")}: the history shows the data the log holds");
        }
    }

    [Fact]
    public async Task The_head_is_on_the_chain_and_the_chain_catches_up_with_each_write()
    {
        await WriteSomeHistoryAsync();
        var before = await _client.WaitForChainAsync();

        await _client.RegisterOfficialAsync(Journal.Slug("wang-yi"), "Wang Yi", "CN");
        var after = await _client.WaitForChainAsync();

        after.LatestSequence.ShouldBeGreaterThan(before.LatestSequence);
        after.Sequence.ShouldBe(after.LatestSequence);
        after.Hash.ShouldNotBe(before.Hash);
        var last = AuditTrail.Lines(await _client.ExportAsync($"?after={before.Sequence}")).ShouldHaveSingleItem();
        (last.GetProperty("previousHash").GetString(), last.GetProperty("hash").GetString(), last.GetProperty("type").GetString())
            .ShouldBe((before.Hash, after.Hash, "official_registered"));
        (await _client.GetAsync("/api/audit/head", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
