using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SinoRussiaTimeline.Audit;

/// <summary>Query of <c>GET /api/audit/events</c>.</summary>
public sealed record AuditExportQuery
{
    /// <summary>Only events after this sequence (0, the default, exports the whole chained log). <example>0</example></summary>
    [FromQuery(Name = "after")]
    public long? After { get; init; }

    /// <summary>At most this many events; all by default.</summary>
    [FromQuery(Name = "limit")]
    public long? Limit { get; init; }
}

public static class AuditApi
{
    public const string NdjsonContentType = "application/x-ndjson";

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Security.TimelineRoles.Auditor);

        group.MapGet("/events", ExportAsync)
            .WithName("ExportAuditLog")
            .WithSummary("The global event log in sequence order as NDJSON, one event per line with its chain hash, streamed. "
                         + "Only events the chain has reached are exported; see docs/audit-canonical-form.md for the line format.")
            .Produces(StatusCodes.Status200OK, contentType: NdjsonContentType)
            .ProducesValidationProblem();

        group.MapGet("/head", async Task<Ok<AuditHead>> (AuditLog log, CancellationToken ct) => TypedResults.Ok(await log.HeadAsync(ct)))
            .WithName("GetAuditHead")
            .WithSummary("The latest chained sequence and its hash, and how far the log has run ahead of the chain.");

        group.MapGet("/verify", async Task<Ok<ChainVerification>> (AuditLog log, CancellationToken ct) =>
                TypedResults.Ok(await AuditVerification.VerifyStoredAsync(log, ct)))
            .WithName("VerifyAuditChain")
            .WithSummary("Recomputes the hash chain over the stored events and reports the first event whose content or link does not match.");
        return app;
    }

    private static async Task ExportAsync([AsParameters] AuditExportQuery query, AuditLog log, HttpContext http, CancellationToken ct)
    {
        var errors = new Infrastructure.FieldErrors();
        if (query.After < 0) errors.Add("after", "Must be 0 or more.");
        if (query.Limit is < 1) errors.Add("limit", "Must be 1 or more.");
        errors.ThrowIfAny();

        http.Response.ContentType = NdjsonContentType;
        var writer = http.Response.BodyWriter;
        var lines = 0;
        await foreach (var (record, previous, hash) in log.ReadAsync(query.After ?? 0, query.Limit, chainedOnly: true, ct))
        {
            await writer.WriteAsync(Encoding.UTF8.GetBytes(AuditLine.Format(record, previous!, hash!) + "\n"), ct);
            // Flush in pages: memory stays flat, and a client sees lines as they come.
            if (++lines % 500 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }
}
