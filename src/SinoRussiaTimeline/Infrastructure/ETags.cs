using System.Globalization;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>ETags carry the stream version, so a client can send it back in If-Match to prove what it last saw.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private const string CurrentVersionItem = "SinoRussiaTimeline.CurrentVersion";

    /// <summary>Asks for <c>ETag</c> with this version on the answer, even when the answer is an error (a 412).</summary>
    public static void SetOnAnswer(HttpContext context, long version) => context.Items[CurrentVersionItem] = version;

    /// <summary>
    /// ASP.NET Core's exception handler middleware removes <c>ETag</c> from every answer it writes (it clears the cache
    /// headers in a response-starting callback), so a 412 could not tell the client the current version. Callbacks run
    /// last-registered first: this one, registered when the request starts, runs after that clearing and sets the ETag
    /// that <see cref="SetOnAnswer"/> asked for.
    /// </summary>
    public static IApplicationBuilder UseETagsOnErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.Items.TryGetValue(CurrentVersionItem, out var version) && version is long current)
                context.Response.Headers.ETag = For(current);
            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>The version a client names in If-Match: 428 when absent, 400 when it is not one of our ETags.</summary>
    public static long RequiredVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
            throw new PreconditionMissingException("Send If-Match with the entry's ETag (from GET /api/entries/{id}), so a change made since you read it is never overwritten.");
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (long.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0) return version;
        throw RequestValidationException.For("If-Match", $"'{ValidationRules.Truncate(header)}' is not an ETag of this service; send the ETag of GET /api/entries/{{id}}, e.g. \"3\".");
    }
}
