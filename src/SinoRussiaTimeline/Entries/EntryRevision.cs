using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// One version of an entry as the service held it between two instants of the recorded clock: the answer to "what did
/// the service say at time T". Same fields as the entry, so the timeline query runs unchanged over either.
/// </summary>
public sealed class EntryRevision : TimelineEntry
{
    /// <summary>"{entryId}:{version}".</summary>
    public string RevisionId { get; set; } = "";

    /// <summary>When the next version replaced this one; null while it is current.</summary>
    public DateTimeOffset? RecordedUntil { get; set; }

    public static string IdFor(string entryId, long version) => $"{entryId}:{version}";
}

/// <summary>
/// Writes a revision per entry event. Every event of an entry's stream carries the entry's full state, so a revision
/// needs no earlier one to be built; the previous revision is only closed (its RecordedUntil set). Inline, so "as of
/// now" and the current view never disagree.
/// </summary>
public sealed partial class EntryRevisionProjection : EventProjection
{
    // The revision comes from the kind's pure builder (EntryDocuments), as in the bulk seed and rebuild; only closing
    // the previous revision needs the store.
    private static void Store(IDocumentOperations operations, IEvent e, EntryRevision revision)
    {
        operations.Store(EntryDocuments.AsRevision(revision, e, recordedUntil: null));
        if (e.Version > 1)
            operations.Patch<EntryRevision>(EntryRevision.IdFor(revision.Id, e.Version - 1)).Set(r => r.RecordedUntil, e.Timestamp);
    }
}
