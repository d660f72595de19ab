using JasperFx.Events;
using Marten.Events.Aggregation;
using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// Builds <see cref="TimelineEntry"/> from an entry's stream. Inline, so an entry is readable the moment the command
/// that recorded it returns. The creation methods live beside each kind's event (Visits/, ArmsDeliveries/,
/// JointStatements/) and call that kind's pure builders in <see cref="EntryDocuments"/>.
/// </summary>
public sealed partial class EntryProjection : SingleStreamProjection<TimelineEntry, string>;

public static partial class EntryDocuments
{
    /// <summary>
    /// The version of the entry an event of an entry's stream stands for, for the bulk paths that hold events of every
    /// kind in one list (Writes/BulkEntryWriter, Replay/EntryViewsRebuild). Every event carries the entry's full state,
    /// so the version needs no earlier one. A new kind adds its three events here as well as its partial file; the bulk
    /// seed and rebuild tests fail on a kind missing here.
    /// </summary>
    public static T Of<T>(IEvent e) where T : TimelineEntry, new() => e switch
    {
        IEvent<VisitRecorded> x => Of<T>(x),
        IEvent<VisitCorrected> x => Of<T>(x),
        IEvent<VisitRetracted> x => Of<T>(x),
        IEvent<ArmsDeliveryRecorded> x => Of<T>(x),
        IEvent<ArmsDeliveryCorrected> x => Of<T>(x),
        IEvent<ArmsDeliveryRetracted> x => Of<T>(x),
        IEvent<JointStatementRecorded> x => Of<T>(x),
        IEvent<JointStatementCorrected> x => Of<T>(x),
        IEvent<JointStatementRetracted> x => Of<T>(x),
        _ => throw new InvalidOperationException(
            $"No entry document for the event '{e.EventTypeName}' (stream {e.StreamKey}, version {e.Version}): add it to EntryDocuments.Of."),
    };

    /// <summary>
    /// The revision of the version an event of an entry's stream stands for, replaced at <paramref name="recordedUntil"/>:
    /// the timestamp of the stream's next event, which is when the next version was recorded.
    /// </summary>
    public static EntryRevision RevisionOf(IEvent e, DateTimeOffset recordedUntil)
    {
        var revision = Of<EntryRevision>(e);
        revision.RevisionId = EntryRevision.IdFor(revision.Id, e.Version);
        revision.RecordedUntil = recordedUntil;
        return revision;
    }
}
