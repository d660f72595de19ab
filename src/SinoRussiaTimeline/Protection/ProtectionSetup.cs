using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Protection;

public static class ProtectionSetup
{
    public const string ReadOnlyCorsPolicy = "reads-from-anywhere";

    /// <summary>Request limits, the write rate limit, CORS for reads, and no Server header (section <c>Timeline:Limits</c>, <c>Timeline:RateLimits</c>).</summary>
    public static WebApplicationBuilder AddTimelineProtection(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Timeline:Limits").Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        var writes = builder.Configuration.GetSection("Timeline:RateLimits:Writes").Get<WriteRateLimitOptions>() ?? new WriteRateLimitOptions();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(writes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
        });
        builder.Services.AddWriteRateLimits(writes);
        // Anyone may read the views from a browser page on any origin; no browser page elsewhere may write. Reads carry no
        // cookies or credentials, so any origin is safe; a preflight for POST from another origin gets no CORS headers.
        builder.Services.AddCors(cors => cors.AddPolicy(ReadOnlyCorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Options)
            .AllowAnyHeader()
            .WithExposedHeaders("ETag", "Location", "Retry-After", CorrelationContext.HeaderName)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }

    /// <summary>
    /// In order: security headers on every answer, CORS, request limits, then the write rate limit. Place after the
    /// correlation middleware (so refusals carry the correlation id) and after authentication (so the rate limit
    /// partitions by the caller's key rather than their address).
    /// </summary>
    public static WebApplication UseTimelineProtection(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseCors(ReadOnlyCorsPolicy);
        app.UseMiddleware<RequestLimitsMiddleware>();
        return app;
    }

    /// <summary>The per-client write limit: after authentication, so that it can count by the caller's key.</summary>
    public static WebApplication UseWriteRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
