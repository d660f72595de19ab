using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Idempotency;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Security;

namespace SinoRussiaTimeline.Corrections;

public static class CorrectionsApi
{
    public static IEndpointRouteBuilder MapCorrections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/entries/{id}").WithTags("Entries").WithIdempotencyKey();

        group.MapPost("/corrections", async Task<Created<EntryResponse>> (string id, CorrectionInput correction, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Created(http, await mediator.Send(new CorrectEntry(id, ETags.RequiredVersion(http.Request), correction), ct)))
            .WithName("CorrectEntry")
            .RequireAuthorization(TimelineRoles.Editor)
            .WithSummary("Correct an entry: the fields that change, the reason and the sources for the new values. Requires If-Match with the entry's ETag. "
                         + "The stored events are never changed; the correction is a new event and the entry's history shows both versions.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPost("/retraction", async Task<Created<EntryResponse>> (string id, RetractionInput retraction, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Created(http, await mediator.Send(new RetractEntry(id, ETags.RequiredVersion(http.Request), retraction), ct)))
            .WithName("RetractEntry")
            .RequireAuthorization(TimelineRoles.Editor)
            .WithSummary("Retract an entry, with the reason. Requires If-Match. It leaves the timeline, itineraries and first-trip answers "
                         + "(shown flagged with includeRetracted=true); its history stays.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    // 201: the correction is a new resource in the entry's history; the answer is the entry as it now stands.
    private static Created<EntryResponse> Created(HttpContext http, EntryResponse entry)
    {
        http.Response.Headers.ETag = ETags.For(entry.Version);
        return TypedResults.Created($"/api/entries/{entry.Id}/history", entry);
    }
}
