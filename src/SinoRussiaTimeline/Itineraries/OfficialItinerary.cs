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

    public void AddVisit(string entryId, string date, string hostCountry, long sequence)
    {
        var parsed = EdtfDate.Parse(date);
        Visits.RemoveAll(v => v.EntryId == entryId);
        Visits.Add(new ItineraryVisit(entryId, date, hostCountry, sequence, parsed.EarliestStart.DayNumber, parsed.LatestStart.DayNumber));
    }

    /// <summary>Orders the visits as the timeline does and answers the first-trip question for every office again.</summary>
    public OfficialItinerary Recompute()
    {
        // Earliest start, the less precise first (a month before its days), then the order recorded.
        Visits = [.. Visits.OrderBy(v => v.StartEarliest).ThenByDescending(v => v.StartLatest).ThenBy(v => v.Sequence)];
        var visits = Visits.Select(v => new TripVisit(v.EntryId, v.Date, v.HostCountry, v.Sequence)).ToList();
        FirstTrips = [.. Offices.Select(o => FirstOverseasTripRule.Decide(Country, o, visits))];
        return this;
    }
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
        Identities<VisitCorrected>(e => e.PreviousOfficialIds.Union(e.Corrected.OfficialIds).ToList());
        Identities<VisitRetracted>(e => e.Retracted.OfficialIds);
    }

    public static OfficialItinerary Create(OfficialRegistered e) => new() { Id = e.OfficialId, Country = e.Country };

    public static void Apply(OfficeRecorded e, OfficialItinerary itinerary)
    {
        itinerary.Offices.Add(new TenureOffice(e.OfficeId, e.Title, e.From, e.To));
        itinerary.Recompute();
    }

    public static void Apply(IEvent<VisitRecorded> e, OfficialItinerary itinerary)
    {
        itinerary.AddVisit(e.Data.EntryId, e.Data.Date, e.Data.HostCountry, e.Sequence);
        itinerary.Recompute();
    }

    // A correction reaches the itineraries of the visitors before and after it: each drops the old version and keeps
    // the new one only if the official is still among the visitors.
    public static void Apply(VisitCorrected e, OfficialItinerary itinerary)
    {
        itinerary.Visits.RemoveAll(v => v.EntryId == e.EntryId);
        if (e.Corrected.OfficialIds.Contains(itinerary.Id))
            itinerary.AddVisit(e.EntryId, e.Corrected.Date, e.Corrected.HostCountry, e.Origin.Sequence);
        itinerary.Recompute();
    }

    public static void Apply(VisitRetracted e, OfficialItinerary itinerary)
    {
        itinerary.Visits.RemoveAll(v => v.EntryId == e.EntryId);
        itinerary.Recompute();
    }
}
