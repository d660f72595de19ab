using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace SinoRussiaTimeline.Protection;

/// <summary>Bounds on what one request may ask of the service (section <c>Timeline:Limits</c>).</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Largest request body accepted; the largest valid entry (every field and list at its limit) fits.</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Longest query string (after <c>?</c>), in characters as sent (percent-encoded).</summary>
    public int MaxQueryStringLength { get; set; } = 2048;

    /// <summary>Most query parameters (a name repeated counts each time).</summary>
    public int MaxQueryParameters { get; set; } = 30;

    /// <summary>Longest path, in characters as sent.</summary>
    public int MaxPathLength { get; set; } = 1024;
}

/// <summary>
/// Refuses oversized requests before any work is done on them: a long URL is <c>414</c>, too many query parameters
/// <c>400</c>, a large body <c>413</c>, each as problem details naming the limit. A body without a Content-Length is read
/// up to the limit, so the limit holds for chunked uploads and in-memory test servers too.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, RequestLimitOptions limits, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var pathLength = request.PathBase.Value?.Length + request.Path.Value?.Length ?? 0;
        if (pathLength > limits.MaxPathLength)
        {
            await RefuseAsync(context, StatusCodes.Status414UriTooLong, "The URL is too long.",
                $"The path is {pathLength} characters; this service accepts at most {limits.MaxPathLength}.", "maxPathLength", limits.MaxPathLength);
            return;
        }
        var queryLength = request.QueryString.Value?.Length ?? 0;
        if (queryLength > limits.MaxQueryStringLength)
        {
            await RefuseAsync(context, StatusCodes.Status414UriTooLong, "The query string is too long.",
                $"The query string is {queryLength} characters; this service accepts at most {limits.MaxQueryStringLength}. Narrow the query (fewer or shorter parameters).",
                "maxQueryStringLength", limits.MaxQueryStringLength);
            return;
        }
        var parameters = request.Query.Sum(p => Math.Max(1, p.Value.Count));
        if (parameters > limits.MaxQueryParameters)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Too many query parameters.",
                $"The query has {parameters} parameters; this service accepts at most {limits.MaxQueryParameters}.", "maxQueryParameters", limits.MaxQueryParameters,
                errors: new Dictionary<string, string[]> { ["query"] = [$"At most {limits.MaxQueryParameters} query parameters."] });
            return;
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            await RefuseBodyAsync(context, request.ContentLength.Value.ToString(CultureInfo.InvariantCulture) + " bytes");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limits.MaxBodyBytes;
        if (request.ContentLength is null && HasBody(request) && !await BufferBodyAsync(context))
        {
            await RefuseBodyAsync(context, "larger");
            return;
        }
        await next(context);
    }

    private static bool HasBody(HttpRequest request) =>
        request.Headers.TransferEncoding.Count > 0 || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);

    // Reads at most the limit plus one byte; false when the body is larger than the limit.
    private async Task<bool> BufferBodyAsync(HttpContext context)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limits.MaxBodyBytes) return false;
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false; // Kestrel's own limit, set above, was reached first.
        }
        buffer.Position = 0;
        context.Request.Body = buffer;
        context.Response.RegisterForDispose(buffer);
        return true;
    }

    private Task RefuseBodyAsync(HttpContext context, string size) =>
        RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
            $"The body is {size}; this service accepts at most {limits.MaxBodyBytes} bytes ({limits.MaxBodyBytes / 1024} KiB).",
            "maxBodyBytes", limits.MaxBodyBytes);

    private async Task RefuseAsync(HttpContext context, int status, string title, string detail, string limitName, long limit,
        Dictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        problem.Extensions[limitName] = limit;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
