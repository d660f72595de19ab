using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.FirstOverseasTrips;

namespace SinoRussiaTimeline.Itineraries;

/// <summary>
/// One official's visits in chronological order and, for each office, the first overseas trip. Built in memory at read
/// time by <see cref="ItineraryReader"/> from the stored entries (or, for asOf, from the revisions then current): never
/// stored, so recording a visit does not rewrite a document that grows with every visit of the official.
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

    /// <summary>Orders the visits as the timeline does and answers the first-trip question for every office.</summary>
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
