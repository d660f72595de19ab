using System.Text.Json;
using System.Text.RegularExpressions;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// The one place where failures become HTTP answers. Every error leaves as <c>application/problem+json</c>; nothing of an
/// unexpected exception (message, stack trace) reaches the client, only a correlation id to find it in the logs.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Translate(exception);
        if (problem.Status >= 500)
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (exception is StaleVersionException stale) ETags.SetOnAnswer(httpContext, stale.Current);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    private static ProblemDetails Translate(Exception exception) => exception switch
    {
        RequestValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = 400, Title = "The request is invalid.", Detail = "See errors for each field that must change.",
        },
        ResourceNotFoundException nf => new ProblemDetails { Status = 404, Title = "Not found.", Detail = nf.Message },
        ResourceConflictException c => new ProblemDetails { Status = 409, Title = "Conflict.", Detail = c.Message },
        PreconditionMissingException m => new ProblemDetails { Status = 428, Title = "Precondition required.", Detail = m.Message },
        StaleVersionException stale => new ProblemDetails
        {
            Status = 412, Title = "The entry has changed since you read it.", Detail = stale.Message,
            Extensions = { ["currentVersion"] = stale.Current },
        },
        ExistingStreamIdCollisionException => new ProblemDetails { Status = 409, Title = "Conflict.", Detail = "A resource with this id already exists." },
        BadHttpRequestException bad => FromBadRequest(bad),
        _ => new ProblemDetails { Status = 500, Title = "An unexpected error occurred.", Detail = "The failure was logged; quote the correlation id when reporting it." },
    };

    // Body binding failures (malformed JSON, a wrong type, an unknown field, a wrong content type) arrive here because
    // RouteHandlerOptions.ThrowOnBadRequest is on; the JSON path names the bad field.
    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return new ProblemDetails { Status = 415, Title = "Unsupported media type.", Detail = "Send the body as application/json." };
        if (bad.InnerException is JsonException json)
        {
            var field = JsonPathToField(json.Path);
            var message = DescribeJsonError(json);
            if (UnmappedProperty().Match(json.Message) is { Success: true } unmapped)
            {
                field = JsonPathToField(json.Path) is "body" or "" ? unmapped.Groups["name"].Value : field;
                message = $"Unknown field '{ValidationRules.Truncate(unmapped.Groups["name"].Value)}'; check its spelling against the API documentation.";
            }
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = 400, Title = "The request body is not valid JSON for this route.", Detail = message,
            };
        }
        if (BindFailure().Match(bad.Message) is { Success: true } m)
        {
            var name = m.Groups["name"].Value;
            var field = char.ToLowerInvariant(name[0]) + name[1..];
            var message = $"'{ValidationRules.Truncate(m.Groups["value"].Value)}' is not {FriendlyType(m.Groups["type"].Value)}.";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = 400, Title = "The request is invalid.", Detail = message,
            };
        }
        if (bad.StatusCode == 400 && bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            // An empty body (or a JSON null) is a field error too: the field is the body, as for malformed JSON.
            const string missing = "The request body is missing or empty.";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [missing] })
            {
                Status = 400, Title = "Bad request.", Detail = missing,
            };
        }
        return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request.", Detail = "The request could not be read." };
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>\\w+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("^The JSON value could not be converted to (?<type>[^.]+(\\.[^.]+)*)\\.?$")]
    private static partial Regex ConversionFailure();

    // A reader's complaint about the token it met: "... as a string.", "... for an Int32.", "... supported Guid format."
    [GeneratedRegex("as an? (?<type>string|boolean|number)\\.|for an? (?<type>Int32|Int64)\\.|supported (?<type>Guid) format")]
    private static partial Regex ReaderExpectation();

    private const string AnotherType = "a value of another type (see the API documentation)";

    // The serializer's own words name .NET types; clients should read JSON words instead. Commands are positional records,
    // and for a constructor parameter the serializer names the record, not the field's type: then the reader's complaint
    // (the inner exception) says what the field expected.
    private static string DescribeJsonError(JsonException json)
    {
        var message = json.Message.Split(" Path:", 2)[0];
        if (ConversionFailure().Match(message) is not { Success: true } m) return message;
        var expected = FriendlyType(m.Groups["type"].Value);
        if (expected == AnotherType && json.InnerException is { } inner && ReaderExpectation().Match(inner.Message) is { Success: true } reader)
            expected = FriendlyType(reader.Groups["type"].Value);
        return $"Wrong type: expected {expected}.";
    }

    private static string FriendlyType(string type)
    {
        // Before the namespace is cut off: "IReadOnlyList`1[System.String]" would otherwise read as "String".
        if (type.Contains("List", StringComparison.Ordinal) || type.Contains("IEnumerable", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal))
            return "an array";
        var name = type.Replace("System.Nullable`1[", "", StringComparison.Ordinal).Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', ']', '>');
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "int" or "long" or "Int32" or "Int64" => "a whole number",
            "number" => "a number",
            "bool" or "Boolean" or "boolean" => "true or false",
            "Guid" => "a UUID",
            "string" or "String" => "a string",
            _ => AnotherType,
        };
    }

    private static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
