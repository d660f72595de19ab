namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// The correlation id of the current unit of work: taken from <c>X-Correlation-Id</c> when the caller sends a sane one,
/// else generated; echoed on the response and stored on every event the request appends.
/// </summary>
public sealed class CorrelationContext
{
    public const string HeaderName = "X-Correlation-Id";

    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    /// <summary>Who recorded the events; becomes the key's name once API keys exist.</summary>
    public string RecordedBy { get; set; } = "anonymous";

    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

public static class CorrelationMiddleware
{
    // A scope with a readable message ("CorrelationId:…") and the id as a property of every log line of the request.
    private static readonly Func<ILogger, string, IDisposable?> CorrelationScope = LoggerMessage.DefineScope<string>("CorrelationId:{CorrelationId}");

    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var correlation = context.RequestServices.GetRequiredService<CorrelationContext>();
        var supplied = context.Request.Headers[CorrelationContext.HeaderName].ToString();
        if (CorrelationContext.IsAcceptable(supplied)) correlation.Id = supplied;
        // OnStarting, because the exception handler clears headers set earlier before it writes a problem.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationContext.HeaderName] = correlation.Id;
            return Task.CompletedTask;
        });
        using (CorrelationScope(context.RequestServices.GetRequiredService<ILogger<CorrelationContext>>(), correlation.Id))
        {
            await next(context);
        }
    });
}
