using JasperFx.Events;
using SinoRussiaTimeline.JointStatements;

// This file sits with its kind but extends the projections in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<JointStatementRecorded> e) => EntryVersions.Recorded(e, JointStatementEntry.From<TimelineEntry>(e.Data));

    public static TimelineEntry Apply(IEvent<JointStatementCorrected> e, TimelineEntry current) =>
        EntryVersions.Revised(e, JointStatementEntry.From<TimelineEntry>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected);

    public static TimelineEntry Apply(IEvent<JointStatementRetracted> e, TimelineEntry current) =>
        EntryVersions.Revised(e, JointStatementEntry.From<TimelineEntry>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted);
}

public sealed partial class EntryRevisionProjection
{
    public void Project(IEvent<JointStatementRecorded> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Recorded(e, JointStatementEntry.From<EntryRevision>(e.Data)));

    public void Project(IEvent<JointStatementCorrected> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Revised(e, JointStatementEntry.From<EntryRevision>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected));

    public void Project(IEvent<JointStatementRetracted> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Revised(e, JointStatementEntry.From<EntryRevision>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted));
}
