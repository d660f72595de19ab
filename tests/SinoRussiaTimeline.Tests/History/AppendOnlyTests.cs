using Npgsql;
using SinoRussiaTimeline.Audit;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.History;

/// <summary>
/// The database itself refuses to rewrite history: UPDATE, DELETE and TRUNCATE on the event table (and on the hash
/// chain) fail with the append-only error, whoever sends them, and nothing changes.
/// </summary>
public sealed class AppendOnlyTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>
{
    // Writes and reads the audit routes: a key with both roles.
    private readonly HttpClient _client = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

    public static TheoryData<string, string, string> Rewrites => new()
    {
        { "an UPDATE of one event", """update "{0}".mt_events set data = jsonb_set(data, '{{title}}', '"Rewritten"') where seq_id = (select max(seq_id) from "{0}".mt_events)""", "UPDATE" },
        { "an UPDATE of every event's time", """update "{0}".mt_events set timestamp = timestamp - interval '1 day'""", "UPDATE" },
        { "a DELETE of one event", """delete from "{0}".mt_events where seq_id = (select max(seq_id) from "{0}".mt_events)""", "DELETE" },
        { "a DELETE of every event", """delete from "{0}".mt_events""", "DELETE" },
        { "a TRUNCATE of the event table", """truncate "{0}".mt_events""", "TRUNCATE" },
        { "an UPDATE of a chain link", """update "{0}".audit_chain set hash = previous_hash where seq_id = (select max(seq_id) from "{0}".audit_chain)""", "UPDATE" },
        { "a DELETE of the chain", """delete from "{0}".audit_chain""", "DELETE" },
        { "a TRUNCATE of the chain", """truncate "{0}".audit_chain""", "TRUNCATE" },
    };

    [Theory]
    [MemberData(nameof(Rewrites))]
    public async Task The_database_refuses_to_rewrite_the_log_and_nothing_changes(string what, string sql, string operation)
    {
        var official = Journal.Slug("wei-fenghe");
        await _client.RegisterOfficialAsync(official, "Wei Fenghe", "CN");
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wei Fenghe in Moscow");
        var head = await _client.WaitForChainAsync();
        var events = await app.EventCountAsync();
        var export = await _client.ExportAsync();

        var refused = await Should.ThrowAsync<PostgresException>(() => Superuser.ExecuteAsync(database, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, app.Schema)), what);

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, refused.MessageText);
        refused.MessageText.ShouldContain("append-only");
        refused.MessageText.ShouldContain(operation);
        (await app.EventCountAsync()).ShouldBe(events);
        (await _client.ExportAsync()).ShouldBe(export, "every event and link is as it was");
        (await _client.WaitForChainAsync()).ShouldBe(head);
        (await _client.GetTextAsync($"/api/entries/{Journal.Id(visit)}")).ShouldBe(visit.GetRawText());
        (await _client.GetJsonAsync("/api/audit/verify")).GetProperty("valid").GetBoolean().ShouldBeTrue();
        (await AuditTrail.VerifyOfflineAsync(export, head.Hash, AuditChain.Genesis)).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task Appending_still_works_corrections_are_new_events()
    {
        var official = Journal.Slug("wang-yi");
        await _client.RegisterOfficialAsync(official, "Wang Yi", "CN");
        var visit = await _client.RecordVisitAsync(official, "RU", "2018-04", "Wang Yi in Moscow");
        var events = await app.EventCountAsync();

        await _client.RetractedAsync(await _client.CorrectedAsync(visit, new { date = "2018-04-08" }));

        (await app.EventCountAsync()).ShouldBe(events + 2);
        var count = await Superuser.ScalarAsync<long>(database, $"""select count(*) from "{app.Schema}".mt_events where stream_id = '{Journal.Id(visit)}'""");
        count.ShouldBe(3, "the recorded visit is still stored beside its correction and retraction");
    }
}
