using Microsoft.Net.Http.Headers;
using SinoRussiaTimeline.Protection;

namespace SinoRussiaTimeline.Web;

/// <summary>
/// The journalists' page: one HTML shell for each of its views (timeline, entry, official), so that deep links work as
/// URLs, and the bundled script and stylesheet from wwwroot (built from ClientApp/ by the project's build). Only those
/// paths are claimed: an unknown path, under /api or anywhere else, still gets the API's problem+json 404.
/// </summary>
public static class WebPage
{
    /// <summary>
    /// The page's Content-Security-Policy: its own script and stylesheet only (no inline code, no 'unsafe-inline'), SVG
    /// drawn by its own script, and fetches to this origin. Forms submit through script, but 'self' is allowed so that a
    /// form still works as a plain GET if the script fails.
    /// </summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly string[] Views = ["/", "/entries/{id}", "/officials/{officialId}"];

    public static WebApplication UseWebPage(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // The bundle keeps fixed names (app.js, app.css), so browsers revalidate rather than keep a stale copy.
                context.Context.Response.Headers.CacheControl = "no-cache";
                // The shell fetched by its file name (/index.html) is the page too, and needs the page's policy to run.
                if (context.File.Name == "index.html") context.Context.Items[SecurityHeaders.PolicyOverrideKey] = PagePolicy;
            },
        });
        return app;
    }

    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        foreach (var route in Views)
        {
            app.MapMethods(route, [HttpMethods.Get, HttpMethods.Head], (HttpContext http, IWebHostEnvironment environment) =>
                {
                    var shell = environment.WebRootFileProvider.GetFileInfo("index.html");
                    if (!shell.Exists)
                        return Results.Problem(
                            statusCode: StatusCodes.Status503ServiceUnavailable,
                            title: "The web page was not built.",
                            detail: "Build the project (dotnet build) with Node.js and npm installed; the API under /api works without it.");
                    http.Items[SecurityHeaders.PolicyOverrideKey] = PagePolicy;
                    http.Response.Headers.CacheControl = "no-cache";
                    return Results.File(shell.PhysicalPath!, "text/html; charset=utf-8");
                })
                .ExcludeFromDescription();
        }
        return app;
    }
}
