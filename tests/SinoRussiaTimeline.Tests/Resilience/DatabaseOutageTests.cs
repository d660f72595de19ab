using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>The service reaching the run's PostgreSQL through a proxy that a test can cut, as if the database stopped.</summary>
public sealed class OutageApp(TestDatabase database) : TimelineApp(database)
{
    private readonly NpgsqlConnectionStringBuilder _direct = new(database.ConnectionString);
    private TcpProxy? _proxy;

    public TcpProxy Proxy => _proxy ??= new TcpProxy(_direct.Host!, _direct.Port);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var viaProxy = new NpgsqlConnectionStringBuilder(_direct.ConnectionString) { Host = "127.0.0.1", Port = Proxy.Port };
        builder.UseSetting("ConnectionStrings:Timeline", viaProxy.ConnectionString);
        builder.UseSetting("Timeline:Database:RetryAfterSeconds", "2");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_proxy is not null) await _proxy.DisposeAsync();
    }
}

/// <summary>
/// When PostgreSQL is unreachable, every request that needs it fails at once with a 503 problem and Retry-After (never
/// a 500, never a hang), readiness says so, nothing is half-written, and the service carries on by itself when the
/// database is back.
/// </summary>
public sealed class DatabaseOutageTests(OutageApp app) : IClassFixture<OutageApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Fact]
    public async Task Reads_answer_503_with_Retry_After_while_the_database_is_unreachable_and_200_once_it_is_back()
    {
        var officialId = await Given.OfficialAsync("Wei Fenghe", "CN");
        var entry = await Given.VisitAsync(officialId, "RU", "2018-04");

        try
        {
            app.Proxy.Cut();
            foreach (var url in new[] { "/api/timeline", $"/api/entries/{entry.Id()}", $"/api/officials/{officialId}/itinerary", "/api/officials" })
                await ShouldBeUnavailableAsync(await _client.GetUrlAsync(url));
        }
        finally
        {
            app.Proxy.Restore();
        }

        (await _client.GetOkJsonAsync("/api/timeline")).ItemIds().ShouldContain(entry.Id());
        (await _client.GetOkJsonAsync($"/api/entries/{entry.Id()}")).Id().ShouldBe(entry.Id());
    }

    [Fact]
    public async Task A_write_while_the_database_is_unreachable_answers_503_leaves_nothing_and_succeeds_when_retried_after()
    {
        var officialId = await Given.OfficialAsync("Wang Yi", "CN");
        var entryId = Guid.CreateVersion7().ToString();
        var body = Bodies.Visit([officialId], "RU", "2019-05");
        body["id"] = entryId;
        var before = await app.EventCountAsync();

        try
        {
            app.Proxy.Cut();
            var problem = await ShouldBeUnavailableAsync(await _client.PostJsonAsync("/api/visits", body));
            problem.GetProperty("recorded").GetString().ShouldBe("no", "the connection was refused, so the write certainly recorded nothing");
            problem.GetProperty("detail").GetString()!.ShouldContain("Nothing was recorded.");
            await ShouldBeUnavailableAsync(await _client.PostJsonAsync("/api/officials", Bodies.Official("Li Keqiang", "CN")));
        }
        finally
        {
            app.Proxy.Restore();
        }

        (await app.EventCountAsync()).ShouldBe(before);
        (await _client.GetUrlAsync($"/api/entries/{entryId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var retried = await _client.PostJsonAsync("/api/visits", body);
        (await retried.ShouldBeCreatedEntryAsync(_client)).Id().ShouldBe(entryId);
    }

    [Fact]
    public async Task Readiness_is_503_while_the_database_is_unreachable_and_200_when_it_is_back_while_liveness_stays_200()
    {
        (await _client.GetUrlAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        try
        {
            app.Proxy.Cut();
            var ready = await _client.GetUrlAsync("/health/ready");
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var health = JsonDocument.Parse(await ready.TextAsync()).RootElement;
            health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Unhealthy");
            (await _client.GetUrlAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Proxy.Restore();
        }

        (await _client.GetUrlAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Connections_broken_mid_flight_answer_503_and_the_next_requests_get_fresh_ones()
    {
        var officialId = await Given.OfficialAsync("Xi Jinping", "CN");
        await Given.VisitAsync(officialId, "RU", "2013-03");

        // Cut and restore at once: the pooled connections are dead, the database is reachable again.
        try
        {
            app.Proxy.Cut();
        }
        finally
        {
            app.Proxy.Restore();
        }
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await _client.GetUrlAsync("/api/timeline");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK) break;
            await ShouldBeUnavailableAsync(response);
        }

        statuses.ShouldContain(HttpStatusCode.OK, $"statuses seen: {string.Join(", ", statuses)}");
        await Given.VisitAsync(officialId, "KZ", "2013-09");
    }

    private static async Task<JsonElement> ShouldBeUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("title").GetString().ShouldBe("The database is unavailable.");
        problem.GetProperty("correlationId").GetString().ShouldNotBeNullOrWhiteSpace();
        (response.Headers.RetryAfter?.Delta).ShouldBe(TimeSpan.FromSeconds(2));
        return problem;
    }
}
