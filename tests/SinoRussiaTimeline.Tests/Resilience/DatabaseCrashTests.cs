using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SinoRussiaTimeline.Audit;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>The real service on a real socket (<see cref="SocketTimelineApp"/>), in front of a PostgreSQL cluster of the test's own.</summary>
public sealed class CrashTestApp(TestDatabase database, string connectionString) : SocketTimelineApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Timeline", connectionString);
        builder.UseSetting("Timeline:Database:RetryAfterSeconds", "1");
        // The outage is deliberate: keep its expected errors (one per failed request and daemon retry) out of the test output.
        builder.UseSetting("Logging:LogLevel:Default", "Critical");
    }
}

/// <summary>
/// The fault test: writers record visits without pause while the test crashes PostgreSQL (<c>pg_ctl -m immediate
/// stop</c>) and starts it again, several times. Afterwards every write acknowledged with 201 is stored exactly once, every
/// failure was a 503 problem (never a 500, never a hang), the views agree with the log, readiness followed the outage,
/// and the audit chain caught up and verifies, all without restarting the service.
/// </summary>
public sealed class DatabaseCrashTests(TestDatabase database)
{
    private const int Writers = 4;
    private const int Crashes = 3;
    private static readonly TimeSpan Running = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(1.5);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task Writes_acknowledged_while_PostgreSQL_crashes_and_restarts_are_all_stored_once_and_every_view_agrees()
    {
        var ct = TestContext.Current.CancellationToken;
        var bin = PrivatePostgres.FindBinaries();
        if (bin is null)
            Assert.Skip("No PostgreSQL server binaries (initdb, pg_ctl) on this machine: install postgresql-15 (scripts/local-postgres.sh does) to run the fault test.");

        await using var cluster = await PrivatePostgres.StartAsync(bin, ct);
        await using var app = new CrashTestApp(database, cluster.ConnectionString);
        await app.InitializeAsync();
        using var client = app.CreateSocketClient();
        var run = new Figures();

        var officials = new List<string>();
        for (var i = 0; i < Writers; i++) officials.Add(await new Given(client).OfficialAsync($"Writer Official {i}", "CN"));
        run.ServerHeaderAbsent = (await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct)).Headers.Server.Count == 0;

        using var stop = new CancellationTokenSource();
        var writers = officials.Select(official => Task.Run(() => WriteUntilStoppedAsync(client, official, run, stop.Token), Ct)).ToList();

        for (var crash = 0; crash < Crashes; crash++)
        {
            await Task.Delay(Running, Ct);
            await cluster.CrashAsync(Ct);
            run.FaultsInjected++;
            run.ReadyAnswersWhileDown.Add(await WaitForReadinessAsync(client, HttpStatusCode.ServiceUnavailable));
            var read = await client.GetAsync(new Uri("/api/timeline", UriKind.Relative), Ct);
            run.ReadsWhileDown.Add(read.StatusCode);
            await Task.Delay(Down, Ct);
            await cluster.StartAsync(Ct);
            run.ReadyAnswersAfter.Add(await WaitForReadinessAsync(client, HttpStatusCode.OK));
        }
        await Task.Delay(Running, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // A failed write either left nothing (404) or was committed although its answer was lost with the connection; a 503
        // that said "recorded: no" must be right.
        foreach (var (id, recorded) in run.Failed)
        {
            var read = await client.GetAsync(new Uri($"/api/entries/{id}", UriKind.Relative), Ct);
            if (read.StatusCode == HttpStatusCode.OK) run.CommittedDespiteFailure.Add(id);
            else read.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"reading back failed write {id}");
            if (recorded == "no") read.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"write {id} was answered 503 with recorded: no, yet it is stored");
            if (recorded == "yes") read.StatusCode.ShouldBe(HttpStatusCode.OK, $"write {id} was answered 503 with recorded: yes, yet it is not stored");
        }

        var stored = await StoredVisitsAsync(cluster.ConnectionString, app.Schema);
        run.Found = run.Acknowledged.Keys.Count(stored.ContainsKey);
        var timeline = await TimelineIdsAsync(client);
        var itineraries = 0;
        foreach (var official in officials)
            itineraries += (await client.GetOkJsonAsync($"/api/officials/{official}/itinerary")).GetProperty("visits").GetArrayLength();
        var unreadable = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(run.Acknowledged.Keys, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (id, ct) =>
        {
            using var read = await client.GetAsync(new Uri($"/api/entries/{id}", UriKind.Relative), ct);
            if (read.StatusCode != HttpStatusCode.OK) unreadable.Add(id);
        });
        var (chain, verification) = await AuditChainAfterCatchUpAsync(app);

        // One "[figures]" line per measure, as every test that measures something reports (Stress/Figures.cs).
        foreach (var figure in run.Describe(stored.Count, timeline.Count, itineraries, chain, verification))
            SinoRussiaTimeline.Tests.Stress.Figures.Report("fault test", figure);

        run.Unexpected.ShouldBeEmpty("answers other than 201 and 503 (or a refused connection)");
        run.Acknowledged.ShouldNotBeEmpty();
        run.Unavailable.ShouldBeGreaterThan(0, "no writer ever met the outage");
        run.ServerHeaderAbsent.ShouldBeTrue("the Server header gives away the server software");
        foreach (var id in run.Acknowledged.Keys) stored.GetValueOrDefault(id).ShouldBe(1, $"acknowledged entry {id} is stored {stored.GetValueOrDefault(id)} times");
        stored.Keys.Order().ShouldBe(run.Acknowledged.Keys.Concat(run.CommittedDespiteFailure).Order(), "the log holds exactly the acknowledged writes (and those committed as their answer was lost)");
        unreadable.ShouldBeEmpty("acknowledged entries that cannot be read back");
        timeline.Order().ShouldBe(stored.Keys.Order(), "the timeline lists exactly the entries of the log");
        itineraries.ShouldBe(stored.Count, "the itineraries hold every visit of the log once");
        run.ReadsWhileDown.ShouldAllBe(status => status == HttpStatusCode.ServiceUnavailable);
        run.ReadyAnswersWhileDown.ShouldAllBe(status => status == HttpStatusCode.ServiceUnavailable);
        run.ReadyAnswersAfter.ShouldAllBe(status => status == HttpStatusCode.OK);
        chain.Sequence.ShouldBe(chain.LatestSequence, "the audit chain did not catch up with the log after the database returned");
        verification.Valid.ShouldBeTrue(verification.Problem);
        verification.UnchainedEvents.ShouldBe(0);
    }

    private static async Task WriteUntilStoppedAsync(HttpClient client, string officialId, Figures run, CancellationToken stop)
    {
        var day = 0;
        while (!stop.IsCancellationRequested)
        {
            var id = Guid.CreateVersion7().ToString();
            var body = Bodies.Visit([officialId], "RU", new DateOnly(2000, 1, 1).AddDays(day++ % 9000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            body["id"] = id;
            Interlocked.Increment(ref run.Attempted);
            try
            {
                // Not cancelled by the stop signal: an answer already on its way is awaited, so every attempt has an outcome.
                using var response = await client.PostAsJsonAsync("/api/visits", body, CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        run.Acknowledged[id] = true;
                        break;
                    case HttpStatusCode.ServiceUnavailable when response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                                                                && response.Headers.RetryAfter?.Delta is not null:
                        Interlocked.Increment(ref run.Unavailable);
                        var recorded = JsonDocument.Parse(text).RootElement.GetProperty("recorded").GetString()!;
                        run.Recorded.AddOrUpdate(recorded, 1, (_, n) => n + 1);
                        run.Failed[id] = recorded;
                        await Task.Delay(100, CancellationToken.None);
                        break;
                    default:
                        run.Unexpected.Add($"{(int)response.StatusCode} {response.Headers.RetryAfter} {text}");
                        run.Failed[id] = "unknown";
                        break;
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref run.ConnectionErrors);
                run.Failed[id] = "unknown";
            }
            catch (TaskCanceledException)
            {
                run.Unexpected.Add($"no answer within {client.Timeout.TotalSeconds} s");
                run.Failed[id] = "unknown";
            }
        }
    }

    // Polls readiness until it gives the expected answer (bounded); returns the last answer.
    private static async Task<HttpStatusCode> WaitForReadinessAsync(HttpClient client, HttpStatusCode expected)
    {
        var status = default(HttpStatusCode);
        for (var attempt = 0; attempt < 150 && status != expected; attempt++)
        {
            if (attempt > 0) await Task.Delay(100, Ct);
            status = (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct)).StatusCode;
        }
        return status;
    }

    /// <summary>How many events each visit stream holds, read straight from the log.</summary>
    private static async Task<Dictionary<string, long>> StoredVisitsAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            $"select stream_id, count(*) from \"{schema}\".mt_events where type = 'visit_recorded' group by stream_id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct)) stored[reader.GetString(0)] = reader.GetInt64(1);
        return stored;
    }

    private static async Task<List<string>> TimelineIdsAsync(HttpClient client)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetOkJsonAsync("/api/timeline?limit=500" + (cursor is null ? "" : "&cursor=" + cursor));
            ids.AddRange(page.ItemIds());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        } while (cursor is not null);
        return ids;
    }

    // The chain is built by the async daemon, which must find its way back to the database by itself.
    private static async Task<(AuditHead Head, ChainVerification Verification)> AuditChainAfterCatchUpAsync(CrashTestApp app)
    {
        var log = app.Services.GetRequiredService<AuditLog>();
        var head = await log.HeadAsync(Ct);
        for (var attempt = 0; attempt < 600 && head.Sequence < head.LatestSequence; attempt++)
        {
            await Task.Delay(100, Ct);
            head = await log.HeadAsync(Ct);
        }
        return (head, await AuditVerification.VerifyStoredAsync(log, Ct));
    }

    private sealed class Figures
    {
        public int Attempted;
        public int Unavailable;
        public int ConnectionErrors;
        public int FaultsInjected;
        public bool ServerHeaderAbsent;
        public int Found;
        public ConcurrentDictionary<string, bool> Acknowledged { get; } = new();
        /// <summary>Failed writes, and what their answer said of them: recorded no, yes or unknown.</summary>
        public ConcurrentDictionary<string, string> Failed { get; } = new();
        public ConcurrentDictionary<string, int> Recorded { get; } = new();
        public ConcurrentBag<string> Unexpected { get; } = [];
        public List<string> CommittedDespiteFailure { get; } = [];
        public List<HttpStatusCode> ReadsWhileDown { get; } = [];
        public List<HttpStatusCode> ReadyAnswersWhileDown { get; } = [];
        public List<HttpStatusCode> ReadyAnswersAfter { get; } = [];

        public IEnumerable<string> Describe(int stored, int timeline, int itineraries, AuditHead chain, ChainVerification verification) =>
        [
            $"writers {Writers}, faults injected (pg_ctl -m immediate stop, then start) {FaultsInjected}",
            $"writes attempted {Attempted}, acknowledged (201) {Acknowledged.Count}, found in the log {Found}",
            $"503 problems {Unavailable} (recorded: no {Recorded.GetValueOrDefault("no")}, unknown {Recorded.GetValueOrDefault("unknown")}, yes {Recorded.GetValueOrDefault("yes")}), connection errors {ConnectionErrors}, 5xx other than 503 {Unexpected.Count(u => u.StartsWith('5'))}, other unexpected answers {Unexpected.Count(u => !u.StartsWith('5'))}",
            $"failed writes found in the log (committed as the database went away) {CommittedDespiteFailure.Count}",
            $"entries in the log {stored}, in the timeline {timeline}, in the itineraries {itineraries}",
            $"readiness while down {string.Join('/', ReadyAnswersWhileDown.Select(s => (int)s))}, after restart {string.Join('/', ReadyAnswersAfter.Select(s => (int)s))}; reads while down {string.Join('/', ReadsWhileDown.Select(s => (int)s))}",
            $"audit chain at {chain.Sequence} of {chain.LatestSequence}, verification {(verification.Valid ? "valid" : "INVALID: " + verification.Problem)} over {verification.EventsChecked} events",
        ];
    }
}
