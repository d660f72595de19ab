using JasperFx.Events;
using SinoRussiaTimeline.JointStatements;

// This file sits with its kind but extends the projections in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

/// <summary>
/// The entry a joint statement's event stands for, as a pure function of the event: the inline projections below, the
/// bulk seed and the bulk rebuild all build their documents here, so the three cannot drift apart.
/// </summary>
public static partial class EntryDocuments
{
    public static T Of<T>(IEvent<JointStatementRecorded> e) where T : TimelineEntry, new() => EntryVersions.Recorded(e, JointStatementEntry.From<T>(e.Data));

    public static T Of<T>(IEvent<JointStatementCorrected> e) where T : TimelineEntry, new() =>
        EntryVersions.Revised(e, JointStatementEntry.From<T>(e.Data.Corrected), e.Data.Origin, EntryStatus.Corrected);

    public static T Of<T>(IEvent<JointStatementRetracted> e) where T : TimelineEntry, new() =>
        EntryVersions.Revised(e, JointStatementEntry.From<T>(e.Data.Retracted), e.Data.Origin, EntryStatus.Retracted);
}

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<JointStatementRecorded> e) => EntryDocuments.Of<TimelineEntry>(e);

    public static TimelineEntry Apply(IEvent<JointStatementCorrected> e, TimelineEntry current) => EntryDocuments.Of<TimelineEntry>(e);

    public static TimelineEntry Apply(IEvent<JointStatementRetracted> e, TimelineEntry current) => EntryDocuments.Of<TimelineEntry>(e);
}

public sealed partial class EntryRevisionProjection
{
    public Task Project(IEvent<JointStatementCorrected> e, Marten.IDocumentOperations operations) => CloseReplacedVersionAsync(operations, e);

    public Task Project(IEvent<JointStatementRetracted> e, Marten.IDocumentOperations operations) => CloseReplacedVersionAsync(operations, e);
}
