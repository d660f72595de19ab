using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace SinoRussiaTimeline.Protection;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> headers the service believes
/// (<c>Timeline:ForwardedHeaders:TrustedProxies</c>: addresses, or networks in CIDR notation). Behind a proxy that
/// terminates TLS or listens on another port (deploy/proxy/nginx.conf, a Kubernetes ingress) the links the exports write
/// (the Atom feed, the calendar) must carry the scheme and host the reader used, not the node's own. No proxy is trusted
/// by default, not even on loopback (ASP.NET Core's own default): a client that reaches a node directly must not be able
/// to choose the links it is given.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string Section = "Timeline:ForwardedHeaders";

    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>An entry as an address or a network; null when it is neither.</summary>
    public static (IPAddress? Address, IPNetwork? Network) Parse(string entry) =>
        entry.Contains('/', StringComparison.Ordinal)
            ? (null, IPNetwork.TryParse(entry.Trim(), out var network) ? network : null)
            : (IPAddress.TryParse(entry.Trim(), out var address) ? address : null, null);
}

public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddTimelineForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxiesOptions>()
            .BindConfiguration(TrustedProxiesOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrustedProxiesOptions>, TrustedProxiesValidation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((forwarded, trusted) =>
        {
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var entry in trusted.Value.TrustedProxies)
            {
                var (address, network) = TrustedProxiesOptions.Parse(entry);
                if (address is not null) forwarded.KnownProxies.Add(address);
                if (network is { } known) forwarded.KnownIPNetworks.Add(known);
            }
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // No fixed number of hops: the entries of X-Forwarded-For are taken from the right for as long as the address
            // they came from is trusted, so a chain of trusted proxies works and an entry a client wrote itself is not believed.
            forwarded.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so that everything after it (links, logs, limits) sees the reader's scheme and host; only when
    /// a proxy is trusted, so that a node no proxy stands in front of does no work for these headers on any request.
    /// </summary>
    public static WebApplication UseTimelineForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        return app;
    }

    private sealed class TrustedProxiesValidation : IValidateOptions<TrustedProxiesOptions>
    {
        public ValidateOptionsResult Validate(string? name, TrustedProxiesOptions options)
        {
            var errors = options.TrustedProxies
                .Select((entry, index) => (entry, index))
                .Where(e => TrustedProxiesOptions.Parse(e.entry) is (null, null))
                .Select(e => $"{TrustedProxiesOptions.Section}:TrustedProxies:{e.index} is '{e.entry}', which is neither an IP address "
                    + "(10.0.0.7) nor a network in CIDR notation (10.0.0.0/8).")
                .ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
