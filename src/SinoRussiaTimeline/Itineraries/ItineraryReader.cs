using Marten;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.FirstOverseasTrips;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Itineraries;

/// <summary>Itineraries with the entries they cite, either current or as the service knew them at an instant.</summary>
public sealed record ItinerarySnapshot(
    IReadOnlyList<OfficialItinerary> Itineraries, IReadOnlyDictionary<string, TimelineEntry> Entries, IReadOnlyDictionary<string, Official> Officials);

public static class ItineraryReader
{
    /// <summary>One official (by id) or all officials of a country; current, or as of an instant of the recorded clock.</summary>
    public static async Task<ItinerarySnapshot> ReadAsync(IQuerySession session, string? officialId, string? country, DateTimeOffset? asOf, CancellationToken ct)
    {
        if (asOf is { } instant) return await ReadAsOfAsync(session, officialId, country, instant, ct);

        var query = session.Query<OfficialItinerary>().AsQueryable();
        if (officialId is not null) query = query.Where(i => i.Id == officialId);
        if (country is not null) query = query.Where(i => i.Country == country);
        var itineraries = await query.OrderBy(i => i.Id).ToListAsync(ct);
        var entries = await EntryLoader.LoadInOrderAsync(session, itineraries.SelectMany(i => i.Visits.Select(v => v.EntryId)), ct);
        var officials = await OfficialLookup.LoadAsync(session, itineraries.Select(i => i.Id), ct);
        return new ItinerarySnapshot(itineraries, entries.ToDictionary(e => e.Id, StringComparer.Ordinal), officials);
    }

    // Rebuilt from what was recorded by the instant: the officials and offices then known and the visit revisions then
    // current, through the same ordering and first-trip rule as the stored itineraries.
    private static async Task<ItinerarySnapshot> ReadAsOfAsync(IQuerySession session, string? officialId, string? country, DateTimeOffset instant, CancellationToken ct)
    {
        var officialsQuery = session.Query<Official>().Where(o => o.RecordedAt <= instant);
        if (officialId is not null) officialsQuery = officialsQuery.Where(o => o.Id == officialId);
        if (country is not null) officialsQuery = officialsQuery.Where(o => o.Country == country);
        var officials = await officialsQuery.OrderBy(o => o.Id).ToListAsync(ct);

        var revisionsQuery = session.Query<EntryRevision>().ValidAt(instant)
            .Where(r => r.Kind == EntryKind.Visit && r.Status != EntryStatus.Retracted);
        if (officialId is not null) revisionsQuery = revisionsQuery.Where(r => r.OfficialIds.Contains(officialId));
        if (country is not null) revisionsQuery = revisionsQuery.Where(r => r.Countries.Contains(country));
        var visits = await revisionsQuery.ToListAsync(ct);

        var itineraries = officials.Select(o =>
        {
            var itinerary = new OfficialItinerary
            {
                Id = o.Id,
                Country = o.Country,
                Offices = [.. o.Offices.Where(office => office.RecordedAt <= instant).Select(office => new TenureOffice(office.Id, office.Title, office.From, office.To))],
            };
            foreach (var visit in visits.Where(v => v.Officials.Any(x => x.OfficialId == o.Id && x.Role == OfficialRole.Visitor)))
                itinerary.AddVisit(visit.Id, visit.Date, visit.Visit!.HostCountry, visit.Sequence);
            return itinerary.Recompute();
        }).ToList();
        return new ItinerarySnapshot(
            itineraries, visits.ToDictionary(v => v.Id, v => (TimelineEntry)v, StringComparer.Ordinal), officials.ToDictionary(o => o.Id, StringComparer.Ordinal));
    }
}
