using System.Net;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Web;

/// <summary>How the service hands out the page: its views as URLs, its own files only, and the API untouched.</summary>
public sealed class PageServingTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateAnonymousClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/?countries=CN,IN&kinds=visit")]
    [InlineData("/entries/6e2f6194-64aa-57f4-a046-3c90ac25a919")]
    [InlineData("/officials/wei-fenghe")]
    [InlineData("/index.html")]
    public async Task Every_view_of_the_page_is_a_url_that_serves_the_page_with_a_policy_allowing_only_its_own_files(string path)
    {
        var response = await _client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("<script type=\"module\" src=\"/app.js\"></script>");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("script-src 'self';");
        policy.ShouldContain("style-src 'self';");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldContain("frame-ancestors 'none'");
    }

    [Theory]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task The_pages_script_and_stylesheet_are_served_by_the_service_itself(string path, string mediaType)
    {
        var response = await _client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        (await response.Content.ReadAsStringAsync(Ct)).Length.ShouldBeGreaterThan(1000);
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/api/nowhere")]
    [InlineData("/entries")]
    [InlineData("/entries/a/b")]
    public async Task Paths_that_are_not_a_view_of_the_page_still_get_the_apis_problem_not_the_page(string path)
    {
        var response = await _client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_api_keeps_its_own_strict_policy_beside_the_page()
    {
        var response = await _client.GetAsync("/api/timeline", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'; frame-ancestors 'none'");
    }
}
