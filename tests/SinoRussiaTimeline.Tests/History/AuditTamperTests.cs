using System.Globalization;
using System.Text;
using SinoRussiaTimeline.Audit;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// Someone with the database's superuser rights goes around the append-only guard and rewrites history. Each scenario
/// damages its own store (a fixture of its own), and the audit trail must point at the very event that was touched.
/// </summary>
internal static class Tampering
{
    /// <summary>A visit recorded, corrected and retracted; returns the visit's entry id.</summary>
    public static async Task<string> WriteSomeHistoryAsync(HttpClient client)
    {
        var official = Journal.Slug("wei-fenghe");
        await client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        await client.RecordOfficeAsync(official, "Minister of National Defense", "2018-03-19");
        var visit = await client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var corrected = await client.CorrectedAsync(visit, new { date = "2018-04-03" });
        await client.RetractedAsync(corrected);
        await client.RecordVisitAsync(official, "BY", "2018-05", "Wei Fenghe in Minsk");
        return Journal.Id(visit);
    }

    public static async Task<long> SequenceOfAsync(HttpClient client, string entryId, int version) =>
        (await client.GetJsonAsync($"/api/entries/{entryId}/history")).GetProperty("items")[version - 1].GetProperty("sequence").GetInt64();

    /// <summary>Runs SQL on the event table with its append-only row trigger switched off, in one transaction.</summary>
    public static Task BehindTheGuardAsync(TestDatabase database, string schema, string sql) => Superuser.ExecuteAsync(database, $"""
        begin;
        alter table "{schema}".mt_events disable trigger append_only_rows;
        {sql}
        alter table "{schema}".mt_events enable trigger append_only_rows;
        commit;
        """);
}

public sealed class AlteredEventTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>
{
    // Writes and reads the audit routes: a key with both roles.
    private readonly HttpClient _client = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

    [Fact]
    public async Task An_event_altered_in_the_database_is_reported_at_its_sequence_by_the_server_and_by_the_offline_verifier()
    {
        var id = await Tampering.WriteSomeHistoryAsync(_client);
        var head = await _client.WaitForChainAsync();
        var kept = await _client.ExportAsync();
        var n = await Tampering.SequenceOfAsync(_client, id, 1);
        var checkedBefore = AuditTrail.Lines(kept).Count(l => l.GetProperty("sequence").GetInt64() < n);

        // The visit "always said" May.
        await Tampering.BehindTheGuardAsync(database, app.Schema,
            $$"""update "{{app.Schema}}".mt_events set data = jsonb_set(data, '{date}', '"2018-05"') where seq_id = {{n}};""");

        var verification = await _client.GetJsonAsync("/api/audit/verify");
        verification.GetProperty("valid").GetBoolean().ShouldBeFalse();
        verification.GetProperty("firstBadSequence").GetInt64().ShouldBe(n);
        verification.GetProperty("eventsChecked").GetInt64().ShouldBe(checkedBefore);
        verification.GetProperty("problem").GetString()!.ShouldContain("altered");

        var reexport = await _client.ExportAsync();
        var offline = await AuditTrail.VerifyOfflineAsync(reexport, head.Hash, AuditChain.Genesis);
        offline.Valid.ShouldBeFalse();
        offline.FirstBadSequence.ShouldBe(n);
        offline.EventsChecked.ShouldBe(checkedBefore);
        var (exitCode, output) = await AuditTrail.RunVerifyVerbAsync(reexport, head.Hash);
        exitCode.ShouldBe(1, output);
        output.ShouldContain($"INVALID at sequence {n.ToString(CultureInfo.InvariantCulture)}");

        // The copy exported before the tampering still verifies, and shows what was recorded.
        (await AuditTrail.VerifyOfflineAsync(kept, head.Hash, AuditChain.Genesis)).Valid.ShouldBeTrue();
        AuditTrail.Lines(kept).Single(l => l.GetProperty("sequence").GetInt64() == n).GetProperty("data").GetProperty("date").GetString().ShouldBe("2018-04");
        AuditTrail.Lines(reexport).Single(l => l.GetProperty("sequence").GetInt64() == n).GetProperty("data").GetProperty("date").GetString().ShouldBe("2018-05");

        // The guard is back on.
        var again = await Should.ThrowAsync<Npgsql.PostgresException>(() => Superuser.ExecuteAsync(database,
            $$"""update "{{app.Schema}}".mt_events set data = jsonb_set(data, '{date}', '"2018-06"') where seq_id = {{n}};"""));
        again.MessageText.ShouldContain("append-only");
    }
}

public sealed class DeletedEventTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>
{
    // Writes and reads the audit routes: a key with both roles.
    private readonly HttpClient _client = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

    [Fact]
    public async Task An_event_deleted_from_the_database_is_reported_at_the_event_that_followed_it()
    {
        var id = await Tampering.WriteSomeHistoryAsync(_client);
        var head = await _client.WaitForChainAsync();
        var n = await Tampering.SequenceOfAsync(_client, id, 2);
        var next = AuditTrail.Lines(await _client.ExportAsync()).Select(l => l.GetProperty("sequence").GetInt64()).First(s => s > n);

        // The correction never happened.
        await Tampering.BehindTheGuardAsync(database, app.Schema, $"""delete from "{app.Schema}".mt_events where seq_id = {n};""");

        var verification = await _client.GetJsonAsync("/api/audit/verify");
        verification.GetProperty("valid").GetBoolean().ShouldBeFalse();
        verification.GetProperty("firstBadSequence").GetInt64().ShouldBe(next);
        verification.GetProperty("problem").GetString()!.ShouldContain("removed");

        var reexport = await _client.ExportAsync();
        var offline = await AuditTrail.VerifyOfflineAsync(reexport, head.Hash, AuditChain.Genesis);
        offline.Valid.ShouldBeFalse();
        offline.FirstBadSequence.ShouldBe(next);
        var (exitCode, output) = await AuditTrail.RunVerifyVerbAsync(reexport, head.Hash);
        exitCode.ShouldBe(1, output);
        output.ShouldContain($"INVALID at sequence {next.ToString(CultureInfo.InvariantCulture)}");
    }
}

public sealed class RewrittenChainTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>
{
    // Writes and reads the audit routes: a key with both roles.
    private readonly HttpClient _client = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

    [Fact]
    public async Task An_event_altered_with_the_whole_chain_rehashed_after_it_fails_against_the_head_published_before()
    {
        var id = await Tampering.WriteSomeHistoryAsync(_client);
        var published = await _client.WaitForChainAsync();
        var n = await Tampering.SequenceOfAsync(_client, id, 1);

        // Alter the event, then recompute every link from it on, as a careful forger with superuser rights would.
        await Tampering.BehindTheGuardAsync(database, app.Schema,
            $$"""update "{{app.Schema}}".mt_events set data = jsonb_set(data, '{date}', '"2018-05"') where seq_id = {{n}};""");
        var lines = (await _client.ExportAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(AuditLine.Parse).ToList();
        var start = lines.FindIndex(l => l.Record.Sequence == n);
        var previous = start == 0 ? AuditChain.Genesis : lines[start - 1].Hash;
        var rewrite = new StringBuilder($"""begin; alter table "{app.Schema}".audit_chain disable trigger append_only_rows;""");
        foreach (var (record, _, _) in lines.Skip(start))
        {
            var hash = AuditChain.Link(previous, record);
            rewrite.Append(CultureInfo.InvariantCulture,
                $"""update "{app.Schema}".audit_chain set previous_hash = '{previous}', hash = '{hash}' where seq_id = {record.Sequence};""");
            previous = hash;
        }
        rewrite.Append(CultureInfo.InvariantCulture, $"""alter table "{app.Schema}".audit_chain enable trigger append_only_rows; commit;""");
        await Superuser.ExecuteAsync(database, rewrite.ToString());

        var forgedHead = await _client.WaitForChainAsync();
        forgedHead.Sequence.ShouldBe(published.Sequence);
        forgedHead.Hash.ShouldNotBe(published.Hash, "rewriting any event changes the head");
        var forged = await _client.ExportAsync();
        var offline = await AuditTrail.VerifyOfflineAsync(forged, published.Hash, AuditChain.Genesis);
        offline.Valid.ShouldBeFalse("the head published before the forgery does not match");
        offline.Problem!.ShouldContain(published.Hash);
        var (exitCode, output) = await AuditTrail.RunVerifyVerbAsync(forged, published.Hash);
        exitCode.ShouldBe(1, output);
    }
}
