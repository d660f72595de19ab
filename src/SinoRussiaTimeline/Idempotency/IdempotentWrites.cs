using System.Security.Cryptography;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Npgsql;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on writes. The first request with a key runs in one database transaction that also stores its
/// answer under the key; a retry with the same key and the same request gets that answer again, with
/// <c>Idempotent-Replayed: true</c>, and appends nothing; the same key with a different request is a <c>422</c>. A request
/// that fails stores nothing, so its retry runs afresh. Without the header a write runs as it always did.
/// </summary>
/// <remarks>
/// Why the whole answer is stored, and how it stays in the events' transaction: the answer (the entry as the inline
/// projections made it) exists only after the handler's <c>SaveChangesAsync</c>. So the request's document session joins
/// a transaction opened here (<see cref="WriteTransaction"/>), in which <c>SaveChangesAsync</c> sends the events without
/// committing them; the handler then reads its own writes, its answer is captured, and the key's record is inserted and
/// committed with the events. Requests naming one key are serialised by a transaction-scoped advisory lock taken first
/// thing, so a parallel retry waits for the first attempt and then answers from its record; the record's unique id stays
/// the last line of defence.
/// </remarks>
public static partial class IdempotentWrites
{
    public static IServiceCollection AddIdempotentWrites(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        services.ConfigureMarten(options => options.Schema.For<IdempotencyRecord>());
        services.ConfigureSwaggerGen(options => options.OperationFilter<IdempotencyKeyOperationFilter>());
        return services;
    }

    /// <summary>Accepts <c>Idempotency-Key</c> on the POST routes of this route or group (other methods are left alone).</summary>
    public static TBuilder WithIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // Finally: it runs once the request delegate exists, so the wrapper reads the body before parameter binding does.
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RequestDelegate: { } inner } route
                || !endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Post)))
                return;
            var template = route.RoutePattern.RawText ?? "";
            endpoint.Metadata.Add(new IdempotentWriteMetadata());
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(
                StatusCodes.Status422UnprocessableEntity, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
            endpoint.RequestDelegate = http => RunAsync(http, template, inner);
        });
        return builder;
    }

    private static async Task RunAsync(HttpContext http, string route, RequestDelegate endpoint)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var header))
        {
            await endpoint(http);
            return;
        }
        if (IdempotencyKey.Problem(header) is { } invalid) throw RequestValidationException.For(IdempotencyKey.HeaderName, invalid);

        var ct = http.RequestAborted;
        var services = http.RequestServices;
        var request = await KeyedRequest.ReadAsync(http, route, header.ToString(), services.GetRequiredService<CorrelationContext>(), ct);
        var logger = services.GetRequiredService<ILogger<IdempotencyRecord>>();

        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        using var enlisted = services.GetRequiredService<WriteTransaction>().Enlist(transaction);
        if (!await TryLockAsync(connection, transaction, request.RecordId, services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.SameKeyWait, ct))
        {
            await AnswerStillRunningAsync(http);
            return;
        }
        var session = services.GetRequiredService<IDocumentSession>();
        if (await session.LoadAsync<IdempotencyRecord>(request.RecordId, ct) is { } earlier)
        {
            await AnswerFromAsync(http, earlier, request, logger);
            return;
        }

        // An exception leaves through here: the transaction rolls back on disposal, and the exception handler answers.
        using var answer = await CaptureAsync(http, endpoint);
        if (http.Response.StatusCode is < 200 or > 299)
        {
            await transaction.RollbackAsync(ct);
            await answer.CopyToAsync(http.Response.Body, ct);
            return;
        }

        var record = request.Answered(http.Response, answer.ToArray(), services.GetRequiredService<TimeProvider>().GetUtcNow());
        session.Insert(record);
        try
        {
            await session.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Only a request that bypassed the lock could get here first; its answer stands and this write is undone.
            await transaction.RollbackAsync(ct);
            await using var query = services.GetRequiredService<IDocumentStore>().QuerySession();
            http.Response.Clear();
            await AnswerFromAsync(http, (await query.LoadAsync<IdempotencyRecord>(request.RecordId, ct))!, request, logger);
            return;
        }
        answer.Position = 0;
        await answer.CopyToAsync(http.Response.Body, ct);
    }

    /// <summary>
    /// Waits for any other request naming the record to finish, but not forever: each waiting request holds a connection,
    /// so a flood of requests with one key must not drain the pool.
    /// </summary>
    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string recordId, TimeSpan wait, CancellationToken ct)
    {
        var (lockClass, key) = IdempotencyKey.LockFor(recordId);
        await using var command = new NpgsqlCommand(
            // lock_timeout only for this lock: the handler's own locks keep the server's setting.
            "select set_config('lock_timeout', @wait, true); select pg_advisory_xact_lock(@class, @key); set local lock_timeout to default",
            connection, transaction)
        {
            Parameters =
            {
                new("wait", $"{Math.Max(1, (long)wait.TotalMilliseconds)}ms"),
                new("class", lockClass),
                new("key", key),
            },
        };
        try
        {
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    private static async Task AnswerStillRunningAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "A request with this Idempotency-Key is still being processed.",
            detail: "Send this request again once the first one has been answered; it will then get the same answer.").ExecuteAsync(http);
    }

    /// <summary>Runs the endpoint with its answer's body held back, so nothing reaches the client before the commit.</summary>
    private static async Task<MemoryStream> CaptureAsync(HttpContext http, RequestDelegate endpoint)
    {
        var original = http.Features.Get<IHttpResponseBodyFeature>()!;
        var buffer = new MemoryStream();
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await endpoint(http);
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
        finally
        {
            http.Features.Set(original);
        }
        buffer.Position = 0;
        return buffer;
    }

    private static async Task AnswerFromAsync(HttpContext http, IdempotencyRecord earlier, KeyedRequest request, ILogger logger)
    {
        if (request.DifferenceFrom(earlier) is { } difference)
        {
            LogReuse(logger, request.Route, difference);
            var message = $"This Idempotency-Key was already used with a different request: {difference}. "
                          + "Send a new key for a new request, or repeat the original request exactly to get its answer again.";
            await TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [IdempotencyKey.HeaderName] = [message] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The Idempotency-Key belongs to another request.",
                Detail = message,
            }).ExecuteAsync(http);
            return;
        }
        LogReplay(logger, request.Route, earlier.CorrelationId);
        var response = http.Response;
        response.StatusCode = earlier.StatusCode;
        if (earlier.Location is not null) response.Headers.Location = earlier.Location;
        if (earlier.ETag is not null) response.Headers.ETag = earlier.ETag;
        if (earlier.ContentType is not null) response.ContentType = earlier.ContentType;
        response.Headers[IdempotencyKey.ReplayedHeaderName] = "true";
        response.ContentLength = earlier.Body.Length;
        await response.Body.WriteAsync(earlier.Body, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed the answer to an Idempotency-Key on {Route}, first given under correlation id {OriginalCorrelationId}")]
    private static partial void LogReplay(ILogger logger, string route, string originalCorrelationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an Idempotency-Key reused on {Route}: {Difference}")]
    private static partial void LogReuse(ILogger logger, string route, string difference);

    /// <summary>A write that carries a key: the record it names and what it asks.</summary>
    private sealed record KeyedRequest(string RecordId, string Caller, string Method, string Route, string Path, string? IfMatch, string BodySha256, string CorrelationId)
    {
        public static async Task<KeyedRequest> ReadAsync(HttpContext http, string route, string key, CorrelationContext correlation, CancellationToken ct)
        {
            var request = http.Request;
            // Buffered, so that parameter binding reads the same bytes after the hash has.
            request.EnableBuffering();
            var bodySha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(request.Body, ct));
            request.Body.Position = 0;
            var ifMatch = request.Headers.IfMatch.Count == 0 ? null : request.Headers.IfMatch.ToString();
            return new KeyedRequest(
                IdempotencyKey.RecordId(correlation.RecordedBy, request.Method, route, key), correlation.RecordedBy, request.Method, route,
                (request.PathBase + request.Path).Value ?? "", ifMatch, bodySha256, correlation.Id);
        }

        public string? DifferenceFrom(IdempotencyRecord earlier) =>
            earlier.Path != Path ? $"it was sent to {ValidationRules.Truncate(earlier.Path)}"
            : earlier.IfMatch != IfMatch ? "it was sent with another If-Match"
            : earlier.BodySha256 != BodySha256 ? "it was sent with a different body"
            : null;

        public IdempotencyRecord Answered(HttpResponse response, byte[] body, DateTimeOffset now) => new()
        {
            Id = RecordId,
            Caller = Caller,
            Method = Method,
            Route = Route,
            Path = Path,
            IfMatch = IfMatch,
            BodySha256 = BodySha256,
            StatusCode = response.StatusCode,
            Location = response.Headers.Location.Count == 0 ? null : response.Headers.Location.ToString(),
            ETag = response.Headers.ETag.Count == 0 ? null : response.Headers.ETag.ToString(),
            ContentType = response.ContentType,
            Body = body,
            RecordedAt = now,
            CorrelationId = CorrelationId,
        };
    }
}

/// <summary>Settings under <c>Timeline:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Timeline:Idempotency";

    /// <summary>How long a request waits for another one with the same key to finish before answering 409.</summary>
    public TimeSpan SameKeyWait { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Marks a route that accepts <c>Idempotency-Key</c>, for the OpenAPI document.</summary>
public sealed class IdempotentWriteMetadata;
