using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Infrastructure;

/// <summary>A service host on a schema named by the test, so that several hosts can share one.</summary>
public sealed class SharedSchemaApp(TestDatabase database, string schema) : TimelineApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Timeline:Schema", schema);
    }
}

/// <summary>
/// Nodes that start together (a Deployment's replicas, a rolling update, the compose file's two nodes) each bring the
/// schema to shape at start. Done at once by several nodes, the same DDL fails on the catalog ("tuple concurrently
/// updated" from two <c>create or replace function</c>s), and a node that meets it does not start: the three-node test
/// met it in CI. Every start must succeed however many run at once, on a new schema and on an existing one.
/// </summary>
public sealed class ConcurrentStartTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hosts_starting_together_on_a_new_schema_all_start_and_the_schema_is_whole()
    {
        var schema = "concurrent_" + Guid.NewGuid().ToString("N")[..10];
        var apps = Enumerable.Range(0, 4).Select(_ => new SharedSchemaApp(database, schema)).ToList();
        try
        {
            // Each host's start runs DatabaseSetup; all four at once, on a schema none of them has seen.
            await Task.WhenAll(apps.Select(a => Task.Run(() => a.InitializeAsync().AsTask(), Ct)));

            // Every node serves, and a write through one is read through another.
            var official = Journal.Slug("concurrent-start");
            await apps[0].CreateClient().RegisterOfficialAsync(official, "Concurrent Start", "CN");
            await apps[1].CreateClient().RecordVisitAsync(official, "RU", "2021-06", "Recorded through the second node");
            var timeline = await apps[3].CreateClient().GetJsonAsync("/api/timeline");
            timeline.GetProperty("items").GetArrayLength().ShouldBe(1, "the fourth node reads the second node's write");

            // The guard is on the log once, not doubled or missing: each of the four triggers exists exactly once.
            var triggers = await Superuser.ScalarAsync<long>(database,
                $"select count(*) from pg_trigger where tgrelid in ('\"{schema}\".mt_events'::regclass, '\"{schema}\".audit_chain'::regclass) and not tgisinternal");
            triggers.ShouldBe(4);
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
            await database.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Schema_setups_run_together_on_an_existing_schema_all_succeed()
    {
        var schema = "concurrent_" + Guid.NewGuid().ToString("N")[..10];
        var app = new SharedSchemaApp(database, schema);
        try
        {
            await app.InitializeAsync();
            var setup = app.Services.GetRequiredService<DatabaseSetup>();

            // What each node of a rolling update does at start, eight at a time, several times over: each on its own
            // connection, as separate processes would be.
            for (var round = 0; round < 5; round++)
                await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => setup.ApplyAsync(Ct), Ct)));

            var official = Journal.Slug("after-setups");
            await app.CreateClient().RegisterOfficialAsync(official, "After Setups", "CN");
            await app.CreateClient().RecordVisitAsync(official, "RU", "2021-07", "Recorded after forty setups");
            (await app.CreateClient().GetJsonAsync("/api/timeline")).GetProperty("items").GetArrayLength().ShouldBe(1);
        }
        finally
        {
            await app.DisposeAsync();
            await database.DropSchemaAsync(schema);
        }
    }
}
