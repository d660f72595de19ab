using System.Net;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using SinoRussiaTimeline.Idempotency;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Idempotency;

/// <summary>The service with a short wait for a request that shares its key with one still running.</summary>
public sealed class ImpatientTimelineApp(TestDatabase database) : TimelineApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Timeline:Idempotency:SameKeyWait", "00:00:00.300");
    }
}

/// <summary>
/// A request whose key is held by another one still running waits only so long, then answers 409 with Retry-After, so a
/// flood of requests with one key cannot hold every database connection.
/// </summary>
public sealed class SameKeyWaitTests(ImpatientTimelineApp app, TestDatabase database) : IClassFixture<ImpatientTimelineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = app.CreateClient();

    private async Task<HttpResponseMessage> PostAsync(string key, string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/arms-deliveries")
        {
            Content = new StringContent(Bodies.ArmsDelivery("RU", "CN", "2018-04").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("X-Correlation-Id", correlationId);
        return await _client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_request_whose_key_stays_busy_answers_409_with_Retry_After_and_records_nothing_then_runs_when_sent_again()
    {
        // Who the service takes the caller to be, read from a record it stored, so the test holds the very lock it takes.
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        (await PostAsync(Guid.NewGuid().ToString(), probe)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var session = app.Store.QuerySession();
        var caller = (await session.Query<IdempotencyRecord>().Where(r => r.CorrelationId == probe).SingleAsync(Ct)).Caller;
        var key = Guid.NewGuid().ToString();
        var (lockClass, lockKey) = IdempotencyKey.LockFor(IdempotencyKey.RecordId(caller, "POST", "/api/arms-deliveries", key));
        var events = await app.EventCountAsync();

        HttpResponseMessage busy;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var transaction = await connection.BeginTransactionAsync(Ct);
            await using var hold = new NpgsqlCommand("select pg_advisory_xact_lock(@class, @key)", connection, transaction)
            {
                Parameters = { new("class", lockClass), new("key", lockKey) },
            };
            await hold.ExecuteNonQueryAsync(Ct);
            busy = await PostAsync(key, "busy-" + Guid.NewGuid().ToString("N"));
        }

        await busy.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        busy.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        (await app.EventCountAsync()).ShouldBe(events);
        var again = await PostAsync(key, "again-" + Guid.NewGuid().ToString("N"));
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.TextAsync());
        again.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
    }
}
