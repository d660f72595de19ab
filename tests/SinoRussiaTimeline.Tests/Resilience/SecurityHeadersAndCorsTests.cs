using System.Net;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>
/// Every answer, success or error, tells browsers not to sniff, frame, leak the referrer or run anything from it; pages on
/// other origins may read the views but never write.
/// </summary>
public sealed class SecurityHeadersAndCorsTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private const string Elsewhere = "https://elsewhere.example";
    private readonly HttpClient _client = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/timeline", HttpStatusCode.OK)]
    [InlineData("/api/officials/nobody-known", HttpStatusCode.NotFound)]
    [InlineData("/no/such/route", HttpStatusCode.NotFound)]
    [InlineData("/api/timeline?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/swagger/v1/swagger.json", HttpStatusCode.OK)]
    public async Task Every_answer_carries_the_security_headers(string url, HttpStatusCode status)
    {
        var response = await _client.GetUrlAsync(url);

        response.StatusCode.ShouldBe(status);
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "Cross-Origin-Resource-Policy").ShouldBe("same-origin");
        var policy = Header(response, "Content-Security-Policy");
        policy.ShouldContain("default-src 'none'");
        policy.ShouldContain("frame-ancestors 'none'");
        response.Headers.Server.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_error_problem_carries_the_security_headers_and_the_correlation_id()
    {
        var response = await _client.PostRawAsync("/api/visits", "{not json");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "body");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "Content-Security-Policy").ShouldContain("default-src 'none'");
        Header(response, "X-Correlation-Id").ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task The_Swagger_UI_may_load_its_own_scripts_and_styles_and_nothing_from_elsewhere()
    {
        var response = await _client.GetUrlAsync("/swagger/index.html");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = Header(response, "Content-Security-Policy");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("connect-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-eval");
        policy.ShouldNotContain("*");
        (await response.TextAsync()).ShouldNotContain("<script>", Case.Insensitive);
    }

    [Fact]
    public async Task A_page_on_any_origin_may_read_the_timeline_and_see_its_ETag_and_correlation_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/timeline");
        request.Headers.Add("Origin", Elsewhere);

        var response = await _client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Access-Control-Allow-Origin").ShouldBe("*");
        Header(response, "Access-Control-Expose-Headers").ShouldContain("ETag");
        Header(response, "Access-Control-Expose-Headers").ShouldContain("X-Correlation-Id");
        response.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();
    }

    [Fact]
    public async Task A_preflight_for_a_read_from_another_origin_is_allowed()
    {
        var response = await PreflightAsync("/api/timeline", "GET");

        response.IsSuccessStatusCode.ShouldBeTrue();
        Header(response, "Access-Control-Allow-Origin").ShouldBe("*");
        Header(response, "Access-Control-Allow-Methods").ShouldContain("GET");
    }

    [Fact]
    public async Task A_preflight_for_a_write_from_another_origin_does_not_allow_POST_so_the_browser_never_sends_it()
    {
        var before = await app.EventCountAsync();

        var response = await PreflightAsync("/api/visits", "POST");

        // The answer lists the methods the policy allows; a browser sends the write only if POST is among them.
        (response.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) ? string.Join(',', methods) : "").ShouldNotContain("POST");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string url, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", Elsewhere);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await _client.SendAsync(request, Ct);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new ShouldAssertException($"No {name} header on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
}
