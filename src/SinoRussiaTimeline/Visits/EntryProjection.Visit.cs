using JasperFx.Events;
using SinoRussiaTimeline.Visits;

// This file sits with its kind but extends the projection in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<VisitRecorded> e)
    {
        var v = e.Data;
        var entry = TimelineEntry.Start(e, v.EntryId, EntryKind.Visit, v.Date, v.Title);
        entry.Description = v.Description;
        entry.Countries = [v.VisitorCountry, v.HostCountry];
        entry.Officials = [.. v.OfficialIds.Select(id => new EntryOfficial(id, OfficialRole.Visitor)),
            .. v.HostOfficialIds.Select(id => new EntryOfficial(id, OfficialRole.Host))];
        entry.OfficialIds = [.. v.OfficialIds, .. v.HostOfficialIds];
        entry.Place = new Place(v.HostCountry, v.City);
        entry.Tags = [.. v.Tags];
        entry.Sources = [.. v.Sources];
        entry.Visit = new VisitDetails(v.VisitorCountry, v.HostCountry, v.VisitType, v.TripId);
        return entry.WithSearchText(v.Title, v.Description, v.City, v.VisitType?.ToString());
    }
}
