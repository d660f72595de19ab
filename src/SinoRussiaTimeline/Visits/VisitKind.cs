using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Corrections;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Visits;

/// <summary>How a visit becomes an entry, and back.</summary>
public static class VisitEntry
{
    public static T From<T>(VisitRecorded v) where T : TimelineEntry, new()
    {
        var entry = TimelineEntry.New<T>(v.EntryId, EntryKind.Visit, v.Date, v.Title);
        entry.Description = v.Description;
        entry.Countries = [v.VisitorCountry, v.HostCountry];
        entry.Officials = [.. v.OfficialIds.Select(id => new EntryOfficial(id, OfficialRole.Visitor)),
            .. v.HostOfficialIds.Select(id => new EntryOfficial(id, OfficialRole.Host))];
        entry.OfficialIds = [.. v.OfficialIds, .. v.HostOfficialIds];
        entry.Place = new Place(v.HostCountry, v.City);
        entry.Tags = [.. v.Tags];
        entry.Sources = [.. v.Sources];
        entry.Visit = new VisitDetails(v.VisitorCountry, v.HostCountry, v.VisitType, v.TripId);
        entry.WithSearchText(v.Title, v.Description, v.City, v.VisitType?.ToString());
        return entry;
    }

    public static VisitRecorded StateOf(TimelineEntry e) => new(
        e.Id,
        e.Officials.Where(o => o.Role == OfficialRole.Visitor).Select(o => o.OfficialId).ToList(),
        e.Visit!.VisitorCountry, e.Visit.HostCountry, e.Place?.City,
        e.Officials.Where(o => o.Role == OfficialRole.Host).Select(o => o.OfficialId).ToList(),
        e.Date, e.Title, e.Description, e.Visit.VisitType, e.Visit.TripId, e.Tags, e.Sources);
}

public sealed class VisitKind(IValidator<RecordVisit> validator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : EntryKindDefinition<RecordVisit, VisitRecorded>(validator, json)
{
    public override EntryKind Kind => EntryKind.Visit;

    public override VisitRecorded StateOf(TimelineEntry entry) => VisitEntry.StateOf(entry);

    public override RecordVisit CommandOf(VisitRecorded v) => new(
        v.OfficialIds, v.HostCountry, v.City, v.HostOfficialIds, v.Date, v.Title, v.Description,
        v.VisitType is { } type ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(type.ToString()) : null,
        v.TripId, v.Tags, v.Sources, Guid.Parse(v.EntryId));

    public override IEnumerable<string> NamedOfficials(RecordVisit command) => command.OfficialIds.Concat(command.HostOfficialIds ?? []);

    public override VisitRecorded Decide(RecordVisit command, string entryId, IReadOnlyDictionary<string, Official> officials) =>
        RecordVisitHandler.Decide(command, entryId, officials);

    protected override IReadOnlyList<Source> SourcesOf(VisitRecorded state) => state.Sources;

    protected override VisitRecorded WithSources(VisitRecorded state, IReadOnlyList<Source> sources) => state with { Sources = sources };

    protected override object Corrected(VisitRecorded before, VisitRecorded after, IReadOnlyList<FieldChange> changes, CorrectionNote note, EntryOrigin origin) =>
        new VisitCorrected(after.EntryId, after, before.OfficialIds, changes, note.Reason, note.Sources, origin);

    protected override object Retracted(VisitRecorded state, string reason, EntryOrigin origin) =>
        new VisitRetracted(state.EntryId, state, reason, origin);
}
