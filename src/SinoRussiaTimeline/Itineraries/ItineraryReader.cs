using Marten;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.FirstOverseasTrips;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Timeline;

namespace SinoRussiaTimeline.Itineraries;

/// <summary>Itineraries with the entries they cite, either current or as the service knew them at an instant.</summary>
public sealed record ItinerarySnapshot(
    IReadOnlyList<OfficialItinerary> Itineraries, IReadOnlyDictionary<string, TimelineEntry> Entries, IReadOnlyDictionary<string, Official> Officials);

/// <summary>
/// Computes itineraries and first overseas trips when they are read, from the officials and the visit entries naming
/// them. There is no stored itinerary view: one would be rewritten whole by every visit of each visitor (a document that
/// grows with the store, and a row lock on the visitors for every write), while a read already loads every entry the
/// itinerary cites. Current and asOf reads share one path; only where the visits come from differs (the entries as
/// they stand, or the revisions current at the instant).
/// </summary>
public static class ItineraryReader
{
    /// <summary>
    /// One official's itinerary with its visit entries in the itinerary's order and the official's record; 404 when no
    /// such official is known (at the instant, when one is given). Shared by the itinerary route and its iCalendar export.
    /// </summary>
    public static async Task<(OfficialItinerary Itinerary, IReadOnlyList<TimelineEntry> Visits, Official Official)> ReadOfficialAsync(
        IQuerySession session, string officialId, DateTimeOffset? asOf, CancellationToken ct)
    {
        var snapshot = await ReadAsync(session, officialId, null, asOf, ct);
        var itinerary = snapshot.Itineraries.SingleOrDefault()
                        ?? throw new ResourceNotFoundException($"No official with id '{ValidationRules.Truncate(officialId)}'{(asOf is null ? "" : " at that instant")}.");
        return (itinerary, itinerary.Visits.Select(v => snapshot.Entries[v.EntryId]).ToList(), snapshot.Officials[itinerary.Id]);
    }

    /// <summary>One official (by id) or all officials of a country; current, or as of an instant of the recorded clock.</summary>
    public static async Task<ItinerarySnapshot> ReadAsync(IQuerySession session, string? officialId, string? country, DateTimeOffset? asOf, CancellationToken ct)
    {
        var officialsQuery = session.Query<Official>().AsQueryable();
        if (asOf is { } known) officialsQuery = officialsQuery.Where(o => o.RecordedAt <= known);
        if (officialId is not null) officialsQuery = officialsQuery.Where(o => o.Id == officialId);
        if (country is not null) officialsQuery = officialsQuery.Where(o => o.Country == country);
        var officials = await officialsQuery.OrderBy(o => o.Id).ToListAsync(ct);
        if (officials.Count == 0) return new ItinerarySnapshot([], new Dictionary<string, TimelineEntry>(), new Dictionary<string, Official>());

        // The filters test the officials and countries columns through their GIN indexes (Timeline/EntryArrayFilters.cs),
        // so only the visits naming the official, or touching the country, are read.
        IReadOnlyList<TimelineEntry> visits = asOf is { } instant
            ? [
                .. await VisitsAsync(session.Query<TimelineEntry>().CurrentAt(instant), officialId, country, ct),
                .. await VisitsAsync(session.Query<EntryRevision>().ValidAt(instant), officialId, country, ct),
            ]
            : await VisitsAsync(session.Query<TimelineEntry>(), officialId, country, ct);

        var visitsByVisitor = visits
            .SelectMany(v => v.Officials.Where(x => x.Role == OfficialRole.Visitor).Select(x => x.OfficialId).Distinct().Select(id => (id, v)))
            .ToLookup(x => x.id, x => x.v, StringComparer.Ordinal);
        var itineraries = officials.Select(o =>
        {
            var itinerary = new OfficialItinerary
            {
                Id = o.Id,
                Country = o.Country,
                Offices = [.. o.Offices.Where(office => asOf is not { } at || office.RecordedAt <= at).Select(office => new TenureOffice(office.Id, office.Title, office.From, office.To))],
            };
            foreach (var visit in visitsByVisitor[o.Id])
                itinerary.AddVisit(visit.Id, visit.Date, visit.Visit!.HostCountry, visit.Sequence);
            return itinerary.Recompute();
        }).ToList();
        return new ItinerarySnapshot(
            itineraries, visits.ToDictionary(v => v.Id, StringComparer.Ordinal), officials.ToDictionary(o => o.Id, StringComparer.Ordinal));
    }

    // The visits, not retracted, naming the official or involving the country, from the current entries or the replaced
    // versions (as of an instant, both: AsOf).
    private static async Task<IReadOnlyList<TimelineEntry>> VisitsAsync<T>(IQueryable<T> entries, string? officialId, string? country, CancellationToken ct)
        where T : TimelineEntry
    {
        entries = entries.Where(e => e.Kind == EntryKind.Visit && e.Status != EntryStatus.Retracted);
        if (officialId is not null) entries = entries.NamingOfficial(officialId);
        if (country is not null) entries = entries.InvolvingCountry(country);
        return [.. await entries.ToListAsync(ct)];
    }
}
