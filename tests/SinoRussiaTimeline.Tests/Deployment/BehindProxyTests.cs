using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Deployment;

/// <summary>The service behind a proxy on this machine: it trusts the forwarded headers of 127.0.0.1.</summary>
public sealed class TrustingLoopbackApp(TestDatabase database) : SocketTimelineApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Timeline:ForwardedHeaders:TrustedProxies:0", "127.0.0.1");
    }
}

/// <summary>
/// Behind a proxy that terminates TLS or listens on another host and port (deploy/proxy/nginx.conf, an ingress), the links
/// the exports write must be the ones the reader used; a client that reaches a node directly must not choose them.
/// Real sockets, so the service sees the caller's address as it would behind a proxy.
/// </summary>
public sealed class BehindProxyTests(TrustingLoopbackApp trusting, SocketTimelineApp direct, TestDatabase database)
    : IClassFixture<TrustingLoopbackApp>, IClassFixture<SocketTimelineApp>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The feed's own link, asked for with the headers a TLS-terminating proxy on timeline.example.org would add.</summary>
    private static async Task<string> FeedSelfLinkThroughProxyAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feed.atom");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "timeline.example.org");
        using var response = await client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        return feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value;
    }

    [Fact]
    public async Task The_feeds_own_link_carries_the_scheme_and_host_a_trusted_proxy_forwards()
    {
        using var client = trusting.CreateSocketClient();

        (await FeedSelfLinkThroughProxyAsync(client)).ShouldBe("https://timeline.example.org/api/feed.atom");
    }

    [Fact]
    public async Task The_feeds_own_link_ignores_forwarded_headers_when_no_proxy_is_trusted_even_from_loopback()
    {
        using var client = direct.CreateSocketClient();

        (await FeedSelfLinkThroughProxyAsync(client)).ShouldBe(new Uri(client.BaseAddress!, "/api/feed.atom").AbsoluteUri);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("proxy.internal")]
    public async Task The_service_does_not_start_with_a_malformed_trusted_proxy_and_says_which_entry_is_wrong(string entry)
    {
        await using var app = new TimelineApp(database);
        await using var misconfigured = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Timeline:ForwardedHeaders:TrustedProxies:0", "10.0.0.0/8");
            builder.UseSetting("Timeline:ForwardedHeaders:TrustedProxies:1", entry);
        });

        var failure = Should.Throw<OptionsValidationException>(() => misconfigured.CreateClient());

        failure.Message.ShouldContain($"Timeline:ForwardedHeaders:TrustedProxies:1 is '{entry}', which is neither an IP address");
        failure.Message.ShouldNotContain("TrustedProxies:0");
    }
}
