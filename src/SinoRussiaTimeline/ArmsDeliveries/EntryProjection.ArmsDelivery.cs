using JasperFx.Events;
using SinoRussiaTimeline.ArmsDeliveries;

// This file sits with its kind but extends the projections in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<ArmsDeliveryRecorded> e) => EntryVersions.Recorded(e, ArmsDeliveryEntry.From<TimelineEntry>(e.Data));

    public static TimelineEntry Apply(IEvent<ArmsDeliveryCorrected> e, TimelineEntry current) =>
        EntryVersions.Revised(e, ArmsDeliveryEntry.From<TimelineEntry>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected);

    public static TimelineEntry Apply(IEvent<ArmsDeliveryRetracted> e, TimelineEntry current) =>
        EntryVersions.Revised(e, ArmsDeliveryEntry.From<TimelineEntry>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted);
}

public sealed partial class EntryRevisionProjection
{
    public void Project(IEvent<ArmsDeliveryRecorded> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Recorded(e, ArmsDeliveryEntry.From<EntryRevision>(e.Data)));

    public void Project(IEvent<ArmsDeliveryCorrected> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Revised(e, ArmsDeliveryEntry.From<EntryRevision>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected));

    public void Project(IEvent<ArmsDeliveryRetracted> e, Marten.IDocumentOperations operations) =>
        Store(operations, e, EntryVersions.Revised(e, ArmsDeliveryEntry.From<EntryRevision>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted));
}
