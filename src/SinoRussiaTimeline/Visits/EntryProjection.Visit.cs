using JasperFx.Events;
using SinoRussiaTimeline.Visits;

// This file sits with its kind but extends the projections in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<VisitRecorded> e) => EntryVersions.Recorded(e, VisitEntry.From<TimelineEntry>(e.Data));

    public static TimelineEntry Apply(IEvent<VisitCorrected> e, TimelineEntry current) =>
        EntryVersions.Revised(e, VisitEntry.From<TimelineEntry>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected);

    public static TimelineEntry Apply(IEvent<VisitRetracted> e, TimelineEntry current) =>
        EntryVersions.Revised(e, VisitEntry.From<TimelineEntry>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted);
}

public sealed partial class EntryRevisionProjection
{
    public void Project(IEvent<VisitRecorded> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Recorded(e, VisitEntry.From<EntryRevision>(e.Data)));

    public void Project(IEvent<VisitCorrected> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Revised(e, VisitEntry.From<EntryRevision>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected));

    public void Project(IEvent<VisitRetracted> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Revised(e, VisitEntry.From<EntryRevision>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted));
}
