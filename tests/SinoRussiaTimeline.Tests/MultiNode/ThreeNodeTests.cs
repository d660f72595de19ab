using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SinoRussiaTimeline.Tests.Stress;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.MultiNode;

/// <summary>
/// Three real service processes on 127.0.0.1 share one database and one schema of their own. Writes go through all three;
/// the node running the async daemon (HotCold) is killed with SIGKILL; more writes go through the survivors, and the audit
/// chain must catch up on another node within 30 seconds, with no gap and no duplicate, and every acknowledged write in
/// the timeline exactly once. It runs alone, after the parallel tests: three more services would crowd their connections
/// and their timings.
/// </summary>
[Collection(Name)]
public sealed class ThreeNodeTests(TestDatabase database)
{
    public const string Name = "Three nodes, alone";

    private const int WritesBeforeKill = 30;
    private const int WritesAfterKill = 30;
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task When_the_daemon_node_is_killed_another_node_takes_over_and_the_chain_catches_up_with_every_write()
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = $"multinode_{Guid.NewGuid().ToString("N")[..10]}";
        var nodes = new List<ServiceNode>();
        try
        {
            // The first node applies the schema; the other two start against it, together.
            nodes.Add(ServiceNode.Start("node-1", database.ConnectionString, schema));
            await nodes[0].WaitReadyAsync(TimeSpan.FromSeconds(60), ct);
            nodes.Add(ServiceNode.Start("node-2", database.ConnectionString, schema));
            nodes.Add(ServiceNode.Start("node-3", database.ConnectionString, schema));
            await Task.WhenAll(nodes.Skip(1).Select(n => n.WaitReadyAsync(TimeSpan.FromSeconds(60), ct)));

            var official = Journal.Slug("wang-yi");
            await nodes[1].Client.RegisterOfficialAsync(official, "Wang Yi", "CN");

            var acknowledged = new List<string>();
            var refused = 0;
            await WriteRoundRobinAsync(nodes, official, 0, WritesBeforeKill, acknowledged, () => refused++, ct);
            acknowledged.Count.ShouldBe(WritesBeforeKill, "every write before the kill is acknowledged");

            // Exactly one node runs the daemon.
            var leader = await SingleLeaderAsync(nodes, TimeSpan.FromSeconds(30), ct);

            var clock = Stopwatch.StartNew();
            leader.Kill();
            var survivors = nodes.Where(n => n != leader).ToList();

            // The writes do not wait for the daemon: the survivors acknowledge them while leadership moves.
            await WriteRoundRobinAsync(survivors, official, WritesBeforeKill, WritesAfterKill, acknowledged, () => refused++, ct);
            refused.ShouldBe(0, "the survivors acknowledge every write");

            var newLeader = await SingleLeaderAsync(survivors, CatchUpLimit, ct);
            var leadershipSeconds = clock.Elapsed.TotalSeconds;
            var head = await CaughtUpHeadAsync(survivors[0], clock, ct);
            var catchUpSeconds = clock.Elapsed.TotalSeconds;

            // No gap, no duplicate: the chain verifies, and the export's sequences are the log's, strictly increasing.
            var verification = await survivors[1].Client.GetFromJsonAsync<JsonElement>("/api/audit/verify", ct);
            verification.GetProperty("valid").GetBoolean().ShouldBeTrue(verification.ToString());
            verification.GetProperty("unchainedEvents").GetInt64().ShouldBe(0);
            verification.GetProperty("headSequence").GetInt64().ShouldBe(head.GetProperty("latestSequence").GetInt64());

            var exported = await ExportedSequencesAsync(newLeader, ct);
            for (var i = 1; i < exported.Count; i++) exported[i].ShouldBeGreaterThan(exported[i - 1], "the export's sequences increase strictly");
            exported.ShouldBe(await LoggedSequencesAsync(schema, ct), "the chain covers every event of the log, once");

            // Every acknowledged write is in the timeline exactly once.
            var timeline = await TimelineIdsAsync(survivors[0], ct);
            timeline.Count.ShouldBe(timeline.Distinct().Count(), "no entry appears twice in the timeline");
            foreach (var id in acknowledged) timeline.Count(t => t == id).ShouldBe(1, $"acknowledged entry {id} appears once");

            Figures.Report(nameof(ThreeNodeTests), string.Create(CultureInfo.InvariantCulture,
                $"3 nodes, {acknowledged.Count} writes acknowledged ({WritesBeforeKill} before the kill, {WritesAfterKill} after), "
                + $"{refused} refused; new daemon node after {leadershipSeconds:F1} s, chain caught up {exported.Count} events after {catchUpSeconds:F1} s"));
            catchUpSeconds.ShouldBeLessThan(CatchUpLimit.TotalSeconds);
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
            await database.DropSchemaAsync(schema);
        }
    }

    private static async Task WriteRoundRobinAsync(
        List<ServiceNode> nodes, string official, int first, int count, List<string> acknowledged, Action refused, CancellationToken ct)
    {
        for (var i = first; i < first + count; i++)
        {
            var node = nodes[i % nodes.Count];
            using var response = await node.Client.PostAsJsonAsync("/api/visits", new
            {
                officialIds = new[] { official },
                hostCountry = "RU",
                date = $"2024-05-{1 + i % 28:00}",
                title = $"Visit {i} through {node.Name}",
                sources = new[] { Journal.Source($"Report {i}") },
            }, ct);
            if (response.StatusCode == HttpStatusCode.Created)
                acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!);
            else
                refused();
        }
    }

    /// <summary>Polls the nodes until exactly one says it runs the daemon; fails after <paramref name="within"/>.</summary>
    private static async Task<ServiceNode> SingleLeaderAsync(List<ServiceNode> nodes, TimeSpan within, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var seen = "";
        while (clock.Elapsed < within)
        {
            var roles = await Task.WhenAll(nodes.Select(n => n.RunsDaemonAsync(ct)));
            seen = string.Join(", ", nodes.Zip(roles, (n, r) => $"{n.Name}: {r?.ToString() ?? "no answer"}"));
            if (roles.Count(r => r == true) == 1 && roles.All(r => r is not null)) return nodes[Array.IndexOf(roles, true)];
            await Task.Delay(100, ct);
        }
        throw new ShouldAssertException($"No single daemon node within {within.TotalSeconds} s ({seen}).");
    }

    /// <summary>Polls <c>/api/audit/head</c> until the chain reaches the log, within <see cref="CatchUpLimit"/> of the kill.</summary>
    private static async Task<JsonElement> CaughtUpHeadAsync(ServiceNode node, Stopwatch sinceKill, CancellationToken ct)
    {
        var head = default(JsonElement);
        while (sinceKill.Elapsed < CatchUpLimit)
        {
            head = await node.Client.GetFromJsonAsync<JsonElement>("/api/audit/head", ct);
            if (head.GetProperty("sequence").GetInt64() == head.GetProperty("latestSequence").GetInt64()) return head;
            await Task.Delay(100, ct);
        }
        throw new ShouldAssertException($"The chain did not catch up within {CatchUpLimit.TotalSeconds} s of the kill: {head}");
    }

    private static async Task<List<long>> ExportedSequencesAsync(ServiceNode node, CancellationToken ct)
    {
        var ndjson = await node.Client.GetStringAsync(new Uri("/api/audit/events", UriKind.Relative), ct);
        return ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64())
            .ToList();
    }

    private async Task<List<long>> LoggedSequencesAsync(string schema, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select seq_id from \"{schema}\".mt_events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var sequences = new List<long>();
        while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));
        return sequences;
    }

    private static async Task<List<string>> TimelineIdsAsync(ServiceNode node, CancellationToken ct)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var url = "/api/timeline?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var json = await node.Client.GetFromJsonAsync<JsonElement>(url, ct);
            ids.AddRange(json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = json.GetProperty("nextCursor").GetString();
            if (cursor is null) return ids;
        }
        throw new ShouldAssertException("The timeline did not end within 100 pages.");
    }
}

[CollectionDefinition(ThreeNodeTests.Name, DisableParallelization = true)]
public sealed class ThreeNodesAlone;
