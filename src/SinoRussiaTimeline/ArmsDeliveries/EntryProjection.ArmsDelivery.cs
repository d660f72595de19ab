using JasperFx.Events;
using SinoRussiaTimeline.ArmsDeliveries;

// This file sits with its kind but extends the projections in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

/// <summary>
/// The entry an arms delivery's event stands for, as a pure function of the event: the inline projections below, the
/// bulk seed and the bulk rebuild all build their documents here, so the three cannot drift apart.
/// </summary>
public static partial class EntryDocuments
{
    public static T Of<T>(IEvent<ArmsDeliveryRecorded> e) where T : TimelineEntry, new() => EntryVersions.Recorded(e, ArmsDeliveryEntry.From<T>(e.Data));

    public static T Of<T>(IEvent<ArmsDeliveryCorrected> e) where T : TimelineEntry, new() =>
        EntryVersions.Revised(e, ArmsDeliveryEntry.From<T>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected);

    public static T Of<T>(IEvent<ArmsDeliveryRetracted> e) where T : TimelineEntry, new() =>
        EntryVersions.Revised(e, ArmsDeliveryEntry.From<T>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted);
}

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<ArmsDeliveryRecorded> e) => EntryDocuments.Of<TimelineEntry>(e);

    public static TimelineEntry Apply(IEvent<ArmsDeliveryCorrected> e, TimelineEntry current) => EntryDocuments.Of<TimelineEntry>(e);

    public static TimelineEntry Apply(IEvent<ArmsDeliveryRetracted> e, TimelineEntry current) => EntryDocuments.Of<TimelineEntry>(e);
}

public sealed partial class EntryRevisionProjection
{
    public Task Project(IEvent<ArmsDeliveryCorrected> e, Marten.IDocumentOperations operations) => CloseReplacedVersionAsync(operations, e);

    public Task Project(IEvent<ArmsDeliveryRetracted> e, Marten.IDocumentOperations operations) => CloseReplacedVersionAsync(operations, e);
}
