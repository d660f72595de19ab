using System.Net;
using Microsoft.AspNetCore.Hosting;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>The service with a write limit of two per hour and client, so the third write of a client is refused.</summary>
public sealed class TinyRateLimitApp(TestDatabase database) : TimelineApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Timeline:RateLimits:Writes:PermitLimit", "2");
        builder.UseSetting("Timeline:RateLimits:Writes:Window", "01:00:00");
    }
}

/// <summary>A client writing faster than its limit is told to slow down, when to retry, and nothing more is recorded.</summary>
public sealed class RateLimitTests(TinyRateLimitApp app) : IClassFixture<TinyRateLimitApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Writes_over_the_limit_get_429_with_Retry_After_and_record_nothing_while_reads_go_on()
    {
        await _client.PostCreatedAsync("/api/officials", Bodies.Official("Wei Fenghe", "CN", "wei-fenghe"));
        await _client.PostCreatedAsync("/api/officials", Bodies.Official("Sergei Shoigu", "RU", "sergei-shoigu"));
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync("/api/officials", Bodies.Official("Wang Yi", "CN", "wang-yi"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("permitLimit").GetInt32().ShouldBe(2);
        var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new ShouldAssertException("no Retry-After in seconds");
        retryAfter.TotalSeconds.ShouldBeInRange(1, 3600);
        problem.GetProperty("detail").GetString()!.ShouldContain("2 writes per hour");
        (await app.EventCountAsync()).ShouldBe(before);
        (await _client.GetUrlAsync("/api/officials/wang-yi")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetOkJsonAsync("/api/officials")).GetProperty("items").GetArrayLength().ShouldBe(2);
    }
}
