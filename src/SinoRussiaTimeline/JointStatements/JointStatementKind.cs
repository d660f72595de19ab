using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Corrections;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.JointStatements;

/// <summary>How a joint statement becomes an entry, and back.</summary>
public static class JointStatementEntry
{
    public static T From<T>(JointStatementRecorded s) where T : TimelineEntry, new()
    {
        var entry = TimelineEntry.New<T>(s.EntryId, EntryKind.JointStatement, s.Date, s.Title);
        entry.Description = s.Summary;
        entry.Countries = [.. s.Countries];
        entry.Officials = [.. s.SignatoryIds.Select(id => new EntryOfficial(id, OfficialRole.Signatory))];
        entry.OfficialIds = [.. s.SignatoryIds];
        entry.Place = s.Place;
        entry.Tags = [.. s.Tags];
        entry.Sources = [.. s.Sources];
        entry.JointStatement = new JointStatementDetails(s.Summary);
        entry.WithSearchText(s.Title, s.Summary, s.Place?.City);
        return entry;
    }

    public static JointStatementRecorded StateOf(TimelineEntry e) => new(
        e.Id, e.Countries, e.Officials.Where(o => o.Role == OfficialRole.Signatory).Select(o => o.OfficialId).ToList(),
        e.Title, e.Date, e.Place, e.JointStatement!.Summary, e.Tags, e.Sources);
}

public sealed class JointStatementKind(IValidator<RecordJointStatement> validator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : EntryKindDefinition<RecordJointStatement, JointStatementRecorded>(validator, json)
{
    public override EntryKind Kind => EntryKind.JointStatement;

    public override JointStatementRecorded StateOf(TimelineEntry entry) => JointStatementEntry.StateOf(entry);

    public override RecordJointStatement CommandOf(JointStatementRecorded s) => new(
        s.Countries, s.SignatoryIds, s.Title, s.Date, s.Place, s.Summary, s.Tags, s.Sources, Guid.Parse(s.EntryId));

    public override IEnumerable<string> NamedOfficials(RecordJointStatement command) => command.SignatoryIds ?? [];

    public override JointStatementRecorded Decide(RecordJointStatement command, string entryId, IReadOnlyDictionary<string, Official> officials) =>
        RecordJointStatementHandler.Decide(command, entryId, officials);

    protected override IReadOnlyList<Source> SourcesOf(JointStatementRecorded state) => state.Sources;

    protected override JointStatementRecorded WithSources(JointStatementRecorded state, IReadOnlyList<Source> sources) => state with { Sources = sources };

    protected override object Corrected(JointStatementRecorded before, JointStatementRecorded after, IReadOnlyList<FieldChange> changes, CorrectionNote note, EntryOrigin origin) =>
        new JointStatementCorrected(after.EntryId, after, changes, note.Reason, note.Sources, origin);

    protected override object Retracted(JointStatementRecorded state, string reason, EntryOrigin origin) =>
        new JointStatementRetracted(state.EntryId, state, reason, origin);
}
