using FluentValidation;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Itineraries;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.FirstOverseasTrips;

/// <summary>The first overseas trip in one office, with its evidence.</summary>
/// <param name="Official">Who held the office.</param>
/// <param name="Office">The office and its tenure.</param>
/// <param name="Trip">The first trip, or null when none is recorded or the answer is ambiguous.</param>
/// <param name="Ambiguous">True when date precision cannot say which candidate came first.</param>
/// <param name="Candidates">The visits that may be the first one (the trip alone when decided).</param>
/// <param name="WithinTenure">certain, or possible when the trip's date does not show that it followed the start of the office (or preceded its end).</param>
/// <param name="Explanation">Why, in a sentence.</param>
/// <param name="Rule">The rule applied.</param>
public sealed record FirstOverseasTripResponse(
    OfficialSummary Official, OfficeResponse Office, EntryResponse? Trip, bool Ambiguous, IReadOnlyList<EntryResponse> Candidates,
    TenureFit? WithinTenure, string Explanation, string Rule);

public sealed record OfficialSummary(string Id, OfficialNames Names, string Country);

public sealed record FirstOverseasTripsResponse(IReadOnlyList<FirstOverseasTripResponse> Items);

public sealed record GetFirstOverseasTrips(string OfficialId, string? AsOf = null) : IQuery<FirstOverseasTripsResponse>;

/// <summary>Across officials: who made which country their first destination.</summary>
public sealed record FindFirstOverseasTrips : IQuery<FirstOverseasTripsResponse>
{
    /// <summary>The officials' country. <example>CN</example></summary>
    [FromQuery(Name = "country")]
    public string? Country { get; init; }

    /// <summary>The first trip's host country. <example>RU</example></summary>
    [FromQuery(Name = "destination")]
    public string? Destination { get; init; }

    /// <summary>Recorded-time instant (RFC 3339): the answers the service would have given then.</summary>
    [FromQuery(Name = "asOf")]
    public string? AsOf { get; init; }
}

public sealed class FindFirstOverseasTripsValidator : AbstractValidator<FindFirstOverseasTrips>
{
    public FindFirstOverseasTripsValidator()
    {
        RuleFor(q => q.Country).CountryCode().When(q => q.Country is not null);
        RuleFor(q => q.Destination).CountryCode().When(q => q.Destination is not null);
        RuleFor(q => q.AsOf).AsOfInstant();
    }
}

public sealed class FirstOverseasTripsHandler(IQuerySession session)
    : IQueryHandler<GetFirstOverseasTrips, FirstOverseasTripsResponse>, IQueryHandler<FindFirstOverseasTrips, FirstOverseasTripsResponse>
{
    public async ValueTask<FirstOverseasTripsResponse> Handle(GetFirstOverseasTrips query, CancellationToken cancellationToken)
    {
        var snapshot = await ItineraryReader.ReadAsync(session, query.OfficialId, null, AsOf.Parse(query.AsOf), cancellationToken);
        if (snapshot.Itineraries.Count == 0) throw new ResourceNotFoundException($"No official with id '{ValidationRules.Truncate(query.OfficialId)}'.");
        return new FirstOverseasTripsResponse(await PresentAsync(snapshot, _ => true, cancellationToken));
    }

    public async ValueTask<FirstOverseasTripsResponse> Handle(FindFirstOverseasTrips query, CancellationToken cancellationToken)
    {
        var snapshot = await ItineraryReader.ReadAsync(session, null, query.Country, AsOf.Parse(query.AsOf), cancellationToken);
        bool Matches(FirstTripFinding f) =>
            f.CandidateEntryIds.Count > 0
            && (query.Destination is null || f.CandidateEntryIds.Any(id => snapshot.Entries[id].Visit!.HostCountry == query.Destination));

        var items = await PresentAsync(snapshot, Matches, cancellationToken);
        // Chronological, like every other view: by the first trip's (or first candidate's) date.
        return new FirstOverseasTripsResponse(items
            .OrderBy(i => (i.Trip ?? i.Candidates[0]).Date.Earliest)
            .ThenByDescending(i => (i.Trip ?? i.Candidates[0]).Date.LatestStart)
            .ThenBy(i => i.Official.Id, StringComparer.Ordinal)
            .ToList());
    }

    private async Task<List<FirstOverseasTripResponse>> PresentAsync(ItinerarySnapshot snapshot, Func<FirstTripFinding, bool> include, CancellationToken ct)
    {
        var findings = snapshot.Itineraries.SelectMany(i => i.FirstTrips.Where(include).Select(f => (Itinerary: i, Finding: f))).ToList();
        var cited = findings.SelectMany(f => f.Finding.CandidateEntryIds).Distinct().Select(id => snapshot.Entries[id]).ToList();
        var presented = (await EntryPresenter.PresentAsync(session, cited, ct)).ToDictionary(e => e.Id, StringComparer.Ordinal);

        return findings.Select(x =>
        {
            var official = snapshot.Officials[x.Itinerary.Id];
            var office = official.Offices.First(o => o.Id == x.Finding.OfficeId);
            return new FirstOverseasTripResponse(
                new OfficialSummary(official.Id, official.Names, official.Country),
                OfficeResponse.Of(office),
                x.Finding.TripEntryId is { } trip ? presented[trip] : null,
                x.Finding.Ambiguous,
                x.Finding.CandidateEntryIds.Select(id => presented[id]).ToList(),
                x.Finding.WithinTenure,
                x.Finding.Explanation,
                FirstOverseasTripRule.Rule);
        }).ToList();
    }
}

public static class FirstOverseasTripsApi
{
    public static IEndpointRouteBuilder MapFirstOverseasTrips(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/officials/{officialId}/first-overseas-trips", async (string officialId, string? asOf, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetFirstOverseasTrips(officialId, asOf), ct)))
            .WithTags("First overseas trips")
            .WithName("GetFirstOverseasTrips")
            .WithSummary("One item per office: the first recorded trip abroad in that office, or ambiguous with the candidates.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/first-overseas-trips", async ([AsParameters] FindFirstOverseasTrips query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithTags("First overseas trips")
            .WithName("FindFirstOverseasTrips")
            .WithSummary("Across officials: first trips in office by officials of a country to a destination (ambiguous answers included when a candidate went there).")
            .ProducesValidationProblem();
        return app;
    }
}
