using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace SinoRussiaTimeline.Resilience;

/// <summary>
/// A database outage answers <c>503</c> problem details with <c>Retry-After</c>, quickly, instead of a 500 or a hang.
/// Runs before <c>ProblemDetailsExceptionHandler</c>, which handles everything else.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(
    IProblemDetailsService problems, NpgsqlDataSource dataSource, ResilienceOptions options, ILogger<DatabaseUnavailableHandler> logger)
    : IExceptionHandler
{
    private long _lastCleared;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFaults.IsUnavailable(exception)) return false;
        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        ClearPools();

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable.",
            Detail = $"The service cannot reach its database right now. Retry in {options.RetryAfterSeconds} seconds.",
        };
        if (Protection.WriteRateLimits.IsWrite(httpContext.Request.Method))
        {
            var recorded = WriteProgress.Of(httpContext).Recorded(exception);
            problem.Extensions["recorded"] = recorded;
            problem.Detail += recorded switch
            {
                "no" => " Nothing was recorded.",
                "yes" => " The write was recorded, but the service could not read it back for this answer: read it again later.",
                _ => " The database went away while this write was being committed, so it may have been recorded. Retrying it is safe: "
                     + "the same entry or official id, If-Match version or Idempotency-Key is never recorded twice (the retry is answered 409, 412 or with the original answer).",
            };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // Idle pooled connections to a server that went away are dead; dropping them at the first sign of an outage means the
    // first requests after PostgreSQL returns get fresh connections instead of failing on stale ones. At most once a second.
    private void ClearPools()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastCleared);
        if ((last != 0 && now - last < 1000) || Interlocked.CompareExchange(ref _lastCleared, now, last) != last) return;
        dataSource.Clear();
        NpgsqlConnection.ClearAllPools();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}: {Reason}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
