using Microsoft.AspNetCore.Hosting;
using Npgsql;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>The service with an application name of its own on its connections, so that they can be told apart in pg_stat_activity.</summary>
public sealed class NamedConnectionsApp(TestDatabase database, string applicationName) : TimelineApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Timeline",
            new NpgsqlConnectionStringBuilder(DatabaseConnectionString) { ApplicationName = applicationName }.ConnectionString);
    }
}

/// <summary>
/// A node that stops (a rolling deployment, a scale-in) gives its database connections back: both pools, the service's
/// and the group commit writers', close when the host stops. Connections left open count against the database's
/// max_connections until the process exits, for every node and every test host.
/// </summary>
public sealed class ShutdownTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<long> ConnectionsNamedAsync(string applicationName) =>
        Superuser.ScalarAsync<long>(database, $"select count(*) from pg_stat_activity where application_name = '{applicationName}'");

    [Fact]
    public async Task A_stopped_service_leaves_no_connection_open_in_either_pool()
    {
        var name = "shutdown-" + Guid.NewGuid().ToString("N")[..12];
        var app = new NamedConnectionsApp(database, name);
        try
        {
            var client = app.CreateClient();
            var official = Journal.Slug("shutdown-official");
            await client.RegisterOfficialAsync(official, "Shutdown Official", "CN");
            await client.RecordVisitAsync(official, "RU", "2020-05", "A visit through the writers' pool");
            await client.GetJsonAsync("/api/timeline");
            (await ConnectionsNamedAsync(name)).ShouldBeGreaterThan(0, "the pools hold connections while the service runs");
        }
        finally
        {
            await app.DisposeAsync();
        }

        // A closed connection's backend exits a moment after the client goes: wait for it, not for any pool's idle timeout
        // (five minutes by default).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        long open;
        while ((open = await ConnectionsNamedAsync(name)) > 0 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100, Ct);
        open.ShouldBe(0, "connections still open 10 s after the service stopped");
    }
}
