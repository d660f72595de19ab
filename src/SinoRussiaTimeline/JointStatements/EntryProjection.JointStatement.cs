using JasperFx.Events;
using SinoRussiaTimeline.JointStatements;

// This file sits with its kind but extends the projection in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<JointStatementRecorded> e)
    {
        var s = e.Data;
        var entry = TimelineEntry.Start(e, s.EntryId, EntryKind.JointStatement, s.Date, s.Title);
        entry.Description = s.Summary;
        entry.Countries = [.. s.Countries];
        entry.Officials = [.. s.SignatoryIds.Select(id => new EntryOfficial(id, OfficialRole.Signatory))];
        entry.OfficialIds = [.. s.SignatoryIds];
        entry.Place = s.Place;
        entry.Tags = [.. s.Tags];
        entry.Sources = [.. s.Sources];
        entry.JointStatement = new JointStatementDetails(s.Summary);
        return entry.WithSearchText(s.Title, s.Summary, s.Place?.City);
    }
}
