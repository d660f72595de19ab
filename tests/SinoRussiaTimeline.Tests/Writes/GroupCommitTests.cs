using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SinoRussiaTimeline.Tests.Support;
using SinoRussiaTimeline.Writes;
using Shouldly;

namespace SinoRussiaTimeline.Tests.Writes;

/// <summary>One writer, so that requests arriving while it is busy all wait for the same next batch.</summary>
public sealed class OneWriterApp(TestDatabase database) : TimelineApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Timeline:Writes:Writers", "1");
    }

    public GroupCommit GroupCommit => Services.GetRequiredService<GroupCommit>();
}

/// <summary>
/// Concurrent recordings share one transaction, yet each request is answered as if it had been alone: its own entry, its
/// own error, its own correlation id on its event, and every view up to date when the 201 arrives.
/// </summary>
public sealed class GroupCommitTests(OneWriterApp app) : IClassFixture<OneWriterApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Visits_waiting_together_are_committed_in_one_batch_and_each_is_answered_and_visible()
    {
        var given = new Given(_client);
        var blocker = await given.OfficialAsync("Blocking Visitor", "CN");
        var visitors = new List<string>();
        for (var i = 0; i < 12; i++) visitors.Add(await given.OfficialAsync($"Batched Visitor {i}", "CN"));
        var host = await given.OfficialAsync("Batched Host", "RU");

        // Hold the lock of the first visit's supplied id, so the writer waits on it while the others queue behind it.
        var blockedId = Guid.NewGuid().ToString("D");
        await using var held = await HoldSuppliedIdLockAsync(blockedId);
        var first = SendVisitAsync(blocker, host, "2019-01-01", "blocked-first", blockedId);
        await WaitForSuppliedIdLockWaitAsync(blockedId);
        var batchesBefore = app.GroupCommit.Batches;

        var queued = visitors.Select((v, i) => SendVisitAsync(v, host, $"2019-02-{i + 1:00}", $"batched-{i}")).ToList();
        // A rule that needs the store (the visitor is unknown) fails in the middle of the batch, alone.
        var unknown = SendVisitAsync("no-such-official", host, "2019-03-01", "batched-unknown");
        await WaitUntilAsync(() => app.GroupCommit.Waiting == visitors.Count + 1, "every visit to queue behind the blocked one");
        await held.ReleaseAsync();

        (await first).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var answers = await Task.WhenAll(queued);
        app.GroupCommit.Batches.ShouldBe(batchesBefore + 2, "the first visit's batch, then one batch for all that queued behind it");
        app.GroupCommit.LargestBatch.ShouldBeGreaterThanOrEqualTo(visitors.Count);

        var refused = await unknown;
        refused.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Response.Content.ReadAsStringAsync(Ct)).ShouldContain("no-such-official");

        foreach (var (answer, i) in answers.Select((a, i) => (a, i)))
        {
            answer.Response.StatusCode.ShouldBe(HttpStatusCode.Created, $"visit {i}");
            var body = await answer.Response.Content.ReadAsStringAsync(Ct);
            var entry = JsonDocument.Parse(body).RootElement;
            entry.GetProperty("title").GetString().ShouldBe($"batched-{i}");
            entry.GetProperty("officials")[0].GetProperty("name").GetString().ShouldBe($"Batched Visitor {i}");
            answer.Response.Headers.Location!.ToString().ShouldBe($"/api/entries/{entry.GetProperty("id").GetString()}");

            // Visible in the views the moment it is answered: the entry, the visitor's itinerary, and its history with
            // the correlation id of its own request (the batch's session served many requests).
            var id = entry.GetProperty("id").GetString()!;
            // The answer is built in memory from the appended event; the stored view must say exactly the same.
            var stored = await _client.GetAsync($"/api/entries/{id}", Ct);
            stored.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await stored.Content.ReadAsStringAsync(Ct)).ShouldBe(body, $"visit {i}: the 201 body and the stored entry");
            stored.Headers.ETag.ShouldBe(answer.Response.Headers.ETag, $"visit {i}");
            var itinerary = await _client.GetFromJsonAsync<JsonElement>($"/api/officials/{visitors[i]}/itinerary", Ct);
            itinerary.ToString().ShouldContain(id);
            var history = await _client.GetFromJsonAsync<JsonElement>($"/api/entries/{id}/history", Ct);
            history.GetProperty("items")[0].GetProperty("correlationId").GetString().ShouldBe(answer.CorrelationId);
            history.GetProperty("items")[0].GetProperty("recordedBy").GetString().ShouldBe(TestKeys.Editor.Name);
        }
    }

    [Fact]
    public async Task When_the_batch_commit_fails_each_visit_is_recorded_alone_and_only_the_bad_one_fails()
    {
        var given = new Given(_client);
        var blocker = await given.OfficialAsync("Second Blocker", "CN");
        var visitors = new List<string>();
        for (var i = 0; i < 3; i++) visitors.Add(await given.OfficialAsync($"Retried Visitor {i}", "CN"));
        var host = await given.OfficialAsync("Retried Host", "RU");
        var contested = Guid.NewGuid().ToString("D");

        var blockedId = Guid.NewGuid().ToString("D");
        await using var held = await HoldSuppliedIdLockAsync(blockedId);
        var first = SendVisitAsync(blocker, host, "2020-01-01", "blocked-first", blockedId);
        await WaitForSuppliedIdLockWaitAsync(blockedId);

        // Another writer takes the contested id without committing yet: the batch cannot see it when it checks ids, and
        // its own insert then waits on it and fails once it commits, which fails the batch's whole commit.
        await using var rival = new NpgsqlConnection(app.DatabaseConnectionString);
        await rival.OpenAsync(Ct);
        await using var rivalTransaction = await rival.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand(
            $"insert into \"{app.Schema}\".mt_streams (id, type, version, tenant_id) values (@id, 'timeline_entry', 1, '*DEFAULT*')", rival, rivalTransaction))
        {
            insert.Parameters.AddWithValue("id", contested);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var contestedVisit = SendVisitAsync(visitors[0], host, "2020-02-01", "contested", contested);
        var others = visitors.Skip(1).Select((v, i) => SendVisitAsync(v, host, $"2020-03-0{i + 1}", $"innocent-{i}")).ToList();
        await WaitUntilAsync(() => app.GroupCommit.Waiting == visitors.Count, "the visits to queue behind the blocked one");
        await held.ReleaseAsync();
        (await first).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        await WaitForLockWaitAsync("the batch to wait on the rival's uncommitted stream");
        await rivalTransaction.CommitAsync(Ct);

        (await contestedVisit).Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        foreach (var other in await Task.WhenAll(others)) other.Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var timeline = await _client.GetFromJsonAsync<JsonElement>("/api/timeline?limit=200", Ct);
        timeline.ToString().ShouldContain("innocent-0");
        timeline.ToString().ShouldContain("innocent-1");
        timeline.ToString().ShouldNotContain("contested");
    }

    [Fact]
    public async Task Two_visits_in_one_batch_with_the_same_supplied_id_record_one_and_refuse_the_other()
    {
        var given = new Given(_client);
        var blocker = await given.OfficialAsync("Third Blocker", "CN");
        var visitor = await given.OfficialAsync("Twin Visitor", "CN");
        var host = await given.OfficialAsync("Twin Host", "RU");
        var id = Guid.NewGuid().ToString("D");

        var blockedId = Guid.NewGuid().ToString("D");
        await using var held = await HoldSuppliedIdLockAsync(blockedId);
        var first = SendVisitAsync(blocker, host, "2021-01-01", "blocked-first", blockedId);
        await WaitForSuppliedIdLockWaitAsync(blockedId);
        var twins = new[] { SendVisitAsync(visitor, host, "2021-02-01", "twin-a", id), SendVisitAsync(visitor, host, "2021-02-02", "twin-b", id) };
        await WaitUntilAsync(() => app.GroupCommit.Waiting == 2, "both twins to queue");
        await held.ReleaseAsync();
        await first;

        var statuses = (await Task.WhenAll(twins)).Select(t => t.Response.StatusCode).Order().ToList();
        statuses.ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        var history = await _client.GetFromJsonAsync<JsonElement>($"/api/entries/{id}/history", Ct);
        history.GetProperty("items").GetArrayLength().ShouldBe(1, "one event for the id, the twin that won");
    }

    private sealed record Sent(HttpResponseMessage Response, string CorrelationId);

    private async Task<Sent> SendVisitAsync(string visitor, string host, string date, string title, string? id = null)
    {
        var body = Bodies.Visit([visitor], "RU", date, title);
        body["hostOfficialIds"] = Bodies.Array([host]);
        if (id is not null) body["id"] = id;
        var correlationId = "gc-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Correlation-Id", correlationId);
        return new Sent(await _client.SendAsync(request, Ct), correlationId);
    }

    private sealed class HeldLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        private bool _released;

        public async Task ReleaseAsync()
        {
            if (_released) return;
            _released = true;
            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await ReleaseAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// The transaction lock a batch takes on each supplied entry id before checking it is free (the only lock a batch of
    /// new entries takes, <see cref="BatchLocks"/>): holding it stops the writer at the start of that batch.
    /// </summary>
    private async Task<HeldLock> HoldSuppliedIdLockAsync(string entryId)
    {
        var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        var transaction = await connection.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(@class, hashtext(@id))", connection, transaction);
        command.Parameters.AddWithValue("class", BatchLocks.SuppliedIdLockClass);
        command.Parameters.AddWithValue("id", entryId);
        await command.ExecuteScalarAsync(Ct);
        return new HeldLock(connection, transaction);
    }

    /// <summary>Waits until a session waits for the lock of this supplied id (the id is the test's own, so no other test meets it).</summary>
    private async Task WaitForSuppliedIdLockWaitAsync(string entryId)
    {
        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await WaitUntilAsync(() =>
        {
            using var command = new NpgsqlCommand(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted and objsubid = 2 and classid = @class::oid and objid = hashtext(@id)::oid",
                connection);
            command.Parameters.AddWithValue("class", (long)BatchLocks.SuppliedIdLockClass);
            command.Parameters.AddWithValue("id", entryId);
            return (long)command.ExecuteScalar()! > 0;
        }, "the writer to wait for the lock of the blocked visit's id");
    }

    /// <summary>Waits until some session of this database waits for a lock (each test holds one lock at a time).</summary>
    private async Task WaitForLockWaitAsync(string what)
    {
        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await WaitUntilAsync(() =>
        {
            // Other test classes share the database: only this app's schema counts.
            using var command = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database() and query like '%' || @schema || '.mt_streams%'", connection);
            command.Parameters.AddWithValue("schema", app.Schema);
            return (long)command.ExecuteScalar()! > 0;
        }, what);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20, Ct);
        }
    }
}
