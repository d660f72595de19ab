using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// A version of an entry that a later version replaced, with the interval of the recorded clock it was current in: with
/// the current entries, the answer to "what did the service say at time T" (<see cref="AsOf"/>). Same fields as the
/// entry, so the timeline query runs unchanged over either.
/// <para>
/// Only replaced versions are kept here; the version that is current is the <see cref="TimelineEntry"/> itself. An
/// earlier design kept every version here, the current one too, so each new entry was written twice (two documents of
/// about 1.3 kB and thirteen index insertions); most entries are never corrected, and without that copy a rebuild of 1.7
/// million events took 30% less time and about 35% less CPU (docs/performance.md, "Revisions of replaced versions only").
/// </para>
/// </summary>
public sealed class EntryRevision : TimelineEntry
{
    /// <summary>"{entryId}:{version}".</summary>
    public string RevisionId { get; set; } = "";

    /// <summary>When the next version replaced this one (that version's LastRecordedAt).</summary>
    public DateTimeOffset? RecordedUntil { get; set; }

    public static string IdFor(string entryId, long version) => $"{entryId}:{version}";
}

/// <summary>
/// Writes the revision of the version each correction or retraction replaces, closed at the new event's timestamp. Every
/// event of an entry's stream carries the entry's full state, so the replaced version is built from the stream's previous
/// event alone, with the same pure builder the rebuild runs (<see cref="EntryDocuments"/>). Inline, so "as of now" and the
/// current view never disagree.
/// </summary>
public sealed partial class EntryRevisionProjection : EventProjection
{
    private static async Task CloseReplacedVersionAsync(IDocumentOperations operations, IEvent replacing)
    {
        var version = replacing.Version - 1;
        // By (stream, version): one event. The replaced version was committed before the stream's lock was taken for this
        // command (Corrections/CorrectEntry.cs), so it is in the log.
        var events = await operations.Events.FetchStreamAsync(replacing.StreamKey!, version: version, fromVersion: version);
        var replaced = events.SingleOrDefault(e => e.Version == version)
            ?? throw new InvalidOperationException(
                $"Entry {replacing.StreamKey}: version {replacing.Version} replaces version {version}, which is not in the log; no revision was written.");
        operations.Store(EntryDocuments.RevisionOf(replaced, replacing.Timestamp));
    }
}
