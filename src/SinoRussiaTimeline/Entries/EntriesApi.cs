using FluentValidation;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SinoRussiaTimeline.Idempotency;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Security;

namespace SinoRussiaTimeline.Entries;

public sealed record GetEntry(string Id, string? AsOf = null) : IQuery<EntryResponse>;

public sealed class GetEntryValidator : AbstractValidator<GetEntry>
{
    public GetEntryValidator()
    {
        RuleFor(q => q.Id).Must(EntryIds.IsValid).WithMessage("An entry id is a UUID such as 0193f1c2-7b1e-7c3a-9d2e-4f5a6b7c8d9e.");
        RuleFor(q => q.AsOf).AsOfInstant();
    }
}

public sealed class GetEntryHandler(IQuerySession session) : IQueryHandler<GetEntry, EntryResponse>
{
    public async ValueTask<EntryResponse> Handle(GetEntry query, CancellationToken cancellationToken)
    {
        var id = query.Id.ToLowerInvariant();
        TimelineEntry? entry;
        if (AsOf.Parse(query.AsOf) is { } instant)
        {
            // The current version if it was already current then, else the replaced version that was (AsOf).
            entry = await session.Query<TimelineEntry>().Where(e => e.Id == id).CurrentAt(instant).FirstOrDefaultAsync(cancellationToken)
                    ?? await session.Query<EntryRevision>().Where(r => r.Id == id).ValidAt(instant).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new ResourceNotFoundException($"No entry with id '{query.Id}' had been recorded at {instant:O}.");
        }
        else
        {
            entry = await session.LoadAsync<TimelineEntry>(id, cancellationToken)
                    ?? throw new ResourceNotFoundException($"No entry with id '{query.Id}'.");
        }
        return await EntryPresenter.PresentAsync(session, entry, cancellationToken);
    }
}

public static class EntriesApi
{
    public static IEndpointRouteBuilder MapEntries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/entries").WithTags("Entries");
        group.MapGet("/{id}", GetEntryAsync)
            .WithName("GetEntry")
            .WithSummary("An entry as it stands (or as it stood at asOf), with its kind, version and status; the ETag holds the version.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/history", async (string id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetEntryHistory(id), ct)))
            .WithName("GetEntryHistory")
            .WithSummary("Every stored event of the entry in order, who recorded it and when, what each correction changed (before and after), "
                         + "and the entry as it stood after each event.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="id">The entry's id.</param>
    /// <param name="asOf">Recorded-time instant (RFC 3339): the entry as the service held it then.</param>
    private static async Task<Ok<EntryResponse>> GetEntryAsync(string id, string? asOf, IMediator mediator, HttpContext http, CancellationToken ct)
    {
        var entry = await mediator.Send(new GetEntry(id, asOf), ct);
        http.Response.Headers.ETag = ETags.For(entry.Version);
        return TypedResults.Ok(entry);
    }

    /// <summary>
    /// A recording route for one kind of entry: the body is the command, the answer 201 with the entry, its Location and
    /// its ETag. Every kind records the same way, so each kind's folder only names its route.
    /// </summary>
    public static RouteHandlerBuilder MapRecording<TCommand>(this IEndpointRouteBuilder app, string route, string tag, string summary)
        where TCommand : ICommand<EntryResponse> =>
        app.MapPost(route, async Task<Created<EntryResponse>> (TCommand command, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var entry = await mediator.Send(command, ct);
                http.Response.Headers.ETag = ETags.For(entry.Version);
                return TypedResults.Created($"/api/entries/{entry.Id}", entry);
            })
            .WithTags(tag)
            .WithName(typeof(TCommand).Name)
            .WithSummary(summary + " Nothing is written unless every field is valid.")
            .RequireAuthorization(TimelineRoles.Editor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithIdempotencyKey();
}
