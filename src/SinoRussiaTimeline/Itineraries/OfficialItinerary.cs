using JasperFx.Events;
using Marten.Events.Projections;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.FirstOverseasTrips;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Itineraries;

/// <summary>
/// One document per official: their visits in chronological order and, for each office, the first overseas trip.
/// It gathers events from the official's own stream and from every entry stream that names them as a visitor.
/// </summary>
public sealed class OfficialItinerary
{
    public string Id { get; set; } = "";
    public string Country { get; set; } = "";
    public List<TenureOffice> Offices { get; set; } = [];
    public List<ItineraryVisit> Visits { get; set; } = [];
    public List<FirstTripFinding> FirstTrips { get; set; } = [];
}

public sealed record ItineraryVisit(string EntryId, string Date, string HostCountry, long Sequence, int StartEarliest, int StartLatest);

/// <summary>
/// Inline, like every view here: the API promises that a write is visible in all views when its response returns, and
/// the first-trip answer must change in the same transaction as the visit that changes it.
/// </summary>
public sealed partial class OfficialItineraryProjection : MultiStreamProjection<OfficialItinerary, string>
{
    public OfficialItineraryProjection()
    {
        Identity<OfficialRegistered>(e => e.OfficialId);
        Identity<OfficeRecorded>(e => e.OfficialId);
        Identities<VisitRecorded>(e => e.OfficialIds);
    }

    public static OfficialItinerary Create(OfficialRegistered e) => new() { Id = e.OfficialId, Country = e.Country };

    public static void Apply(OfficeRecorded e, OfficialItinerary itinerary)
    {
        itinerary.Offices.Add(new TenureOffice(e.OfficeId, e.Title, e.From, e.To));
        Recompute(itinerary);
    }

    public static void Apply(IEvent<VisitRecorded> e, OfficialItinerary itinerary)
    {
        var date = EdtfDate.Parse(e.Data.Date);
        itinerary.Visits.Add(new ItineraryVisit(e.Data.EntryId, e.Data.Date, e.Data.HostCountry, e.Sequence, date.EarliestStart.DayNumber, date.LatestStart.DayNumber));
        Recompute(itinerary);
    }

    private static void Recompute(OfficialItinerary itinerary)
    {
        // The timeline's order: earliest start, the less precise first (a month before its days), then the order recorded.
        itinerary.Visits = [.. itinerary.Visits.OrderBy(v => v.StartEarliest).ThenByDescending(v => v.StartLatest).ThenBy(v => v.Sequence)];
        var visits = itinerary.Visits.Select(v => new TripVisit(v.EntryId, v.Date, v.HostCountry, v.Sequence)).ToList();
        itinerary.FirstTrips = [.. itinerary.Offices.Select(o => FirstOverseasTripRule.Decide(itinerary.Country, o, visits))];
    }
}
