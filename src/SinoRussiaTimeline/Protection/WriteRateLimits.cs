using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Protection;

/// <summary>Writes allowed per caller and window (section <c>Timeline:RateLimits:Writes</c>).</summary>
public sealed class WriteRateLimitOptions
{
    /// <summary>Writes per window; 0 turns the limit off (for load tests, or behind a gateway that limits instead).</summary>
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Each caller may make <see cref="WriteRateLimitOptions.PermitLimit"/> writes per window; reads are not limited here.
/// Over the limit: <c>429</c> problem details with <c>Retry-After</c>. The caller is the authenticated key's name when
/// there is one, else the client's IP address.
/// </summary>
public static class WriteRateLimits
{
    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services, WriteRateLimitOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsWrite(context.Request.Method) && options.PermitLimit > 0
                    ? RateLimitPartition.GetFixedWindowLimiter(CallerOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many writes.",
                        Detail = $"This client may make {options.PermitLimit} writes per {Describe(options.Window)}. Retry after {seconds} seconds.",
                        Extensions = { ["permitLimit"] = options.PermitLimit, ["windowSeconds"] = (long)options.Window.TotalSeconds },
                    },
                });
            };
        });
        return services;
    }

    public static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Who is writing: the authenticated caller's name (an API key's name), else the remote address.</summary>
    public static string CallerOf(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }) return "caller:" + name;
        if (context.RequestServices.GetService<CorrelationContext>() is { RecordedBy: { } recordedBy } && recordedBy != "anonymous")
            return "caller:" + recordedBy;
        return "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static string Describe(TimeSpan window) =>
        window.TotalSeconds < 60 ? $"{window.TotalSeconds:0} seconds"
        : window.TotalMinutes < 60 ? (window.TotalMinutes == 1 ? "minute" : $"{window.TotalMinutes:0} minutes")
        : window.TotalHours == 1 ? "hour" : $"{window.TotalHours:0.#} hours";
}
