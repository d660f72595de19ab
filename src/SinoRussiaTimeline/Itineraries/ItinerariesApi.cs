using Marten;
using Mediator;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Itineraries;

/// <summary>Every visit the official made, in chronological order.</summary>
public sealed record ItineraryResponse(string OfficialId, IReadOnlyList<EntryResponse> Visits);

public sealed record GetItinerary(string OfficialId, string? AsOf) : IQuery<ItineraryResponse>;

public sealed class GetItineraryHandler(IQuerySession session) : IQueryHandler<GetItinerary, ItineraryResponse>
{
    public async ValueTask<ItineraryResponse> Handle(GetItinerary query, CancellationToken cancellationToken)
    {
        var (itinerary, entries, _) = await ItineraryReader.ReadOfficialAsync(session, query.OfficialId, AsOf.Parse(query.AsOf), cancellationToken);
        return new ItineraryResponse(itinerary.Id, await EntryPresenter.PresentAsync(session, entries, cancellationToken));
    }
}

public static class ItinerariesApi
{
    public static IEndpointRouteBuilder MapItineraries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/officials/{officialId}/itinerary", async (string officialId, string? asOf, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetItinerary(officialId, asOf), ct)))
            .WithTags("Officials")
            .WithName("GetItinerary")
            .WithSummary("The official's visits in chronological order, with place, dates and sources; retracted visits are left out. "
                         + "asOf (RFC 3339) answers as the service would have at that instant.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
