namespace SinoRussiaTimeline.Protection;

/// <summary>
/// Headers on every response, errors included: no MIME sniffing, no framing, no referrer, resources for this origin only,
/// and a Content-Security-Policy that lets the API's JSON run nothing and the Swagger UI load only its own files.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>JSON and problem answers: nothing in them may load or run anything.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The Swagger UI: its own scripts, styles (it sets inline styles) and images (icons are data: URLs), and calls to this origin.</summary>
    public const string SwaggerUiPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// An endpoint that serves a document needing a different policy (the web page) puts it in <c>HttpContext.Items</c>
    /// under this key; the headers are written last, at OnStarting, so a header set by the endpoint itself would be lost.
    /// </summary>
    public const string PolicyOverrideKey = "SinoRussiaTimeline.ContentSecurityPolicy";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // OnStarting, because the exception handler clears the headers set earlier before it writes a problem.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = context.Items[PolicyOverrideKey] as string ?? (context.Request.Path.StartsWithSegments("/swagger") && !context.Request.Path.Value!.EndsWith(".json", StringComparison.Ordinal)
                ? SwaggerUiPolicy
                : ApiPolicy);
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
        await next(context);
    });
}
