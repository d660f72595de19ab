using System.Net;
using SinoRussiaTimeline.Health;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Health;

public sealed class ReadinessTests(SeededTimelineApp app) : IClassFixture<SeededTimelineApp>
{
    // A clock far ahead of the events: whatever is unchained then counts as stalled.
    private sealed class LaterClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_the_audit_chain_once_the_chain_has_caught_up()
    {
        await app.CreateClientWithKey(TestKeys.Auditor.Key).WaitForChainAsync();

        var response = await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var checks = (await response.ReadJsonAsync()).GetProperty("checks");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("auditChain").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("auditChain").GetProperty("description").GetString()!.ShouldContain("covers every event");
    }

    [Fact]
    public async Task An_audit_chain_that_has_not_moved_for_a_minute_is_reported_degraded_with_how_far_behind_it_is()
    {
        var auditor = app.CreateClientWithKey(TestKeys.Auditor.Key);
        await auditor.WaitForChainAsync();
        var log = (SinoRussiaTimeline.Audit.AuditLog)app.Services.GetService(typeof(SinoRussiaTimeline.Audit.AuditLog))!;
        var check = new AuditChainHealthCheck(log, new LaterClock(TimeSpan.FromMinutes(2)));

        // Nothing unchained: healthy, however late the clock.
        (await check.CheckHealthAsync(new(), TestContext.Current.CancellationToken)).Status.ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);

        // Events the chain has not reached, recorded "two minutes ago" by that clock: stalled. Holding the chain table's
        // lock keeps the subscription from chaining them while the check looks.
        await using var connection = new Npgsql.NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var hold = new Npgsql.NpgsqlCommand($"lock table \"{app.Schema}\".audit_chain in exclusive mode", connection, transaction))
            await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await app.CreateClient().PostAsync("/api/officials", System.Net.Http.Json.JsonContent.Create(new { names = new { en = "Readiness Probe" }, country = "CN" }),
            TestContext.Current.CancellationToken);

        var result = await check.CheckHealthAsync(new(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        result.Description!.ShouldContain("stalled: 1 events unchained");
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
    }
}
