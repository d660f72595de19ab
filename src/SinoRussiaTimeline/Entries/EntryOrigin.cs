using JasperFx.Events;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// When an entry was first recorded. Corrections and retractions carry it, so every event of an entry's stream is
/// enough on its own to build that version of the entry (which the revision history relies on).
/// </summary>
public sealed record EntryOrigin(long Sequence, DateTimeOffset RecordedAt);

/// <summary>One field a correction changed, as the client's JSON: "as first reported" beside "as corrected".</summary>
public sealed record FieldChange(string Field, System.Text.Json.Nodes.JsonNode? Before, System.Text.Json.Nodes.JsonNode? After);

/// <summary>Stamps the event metadata onto an entry built from an event's content.</summary>
public static class EntryVersions
{
    public static T Recorded<T>(IEvent e, T entry) where T : TimelineEntry
    {
        entry.Status = EntryStatus.Active;
        entry.StreamVersion = e.Version;
        entry.Sequence = e.Sequence;
        entry.RecordedAt = e.Timestamp;
        entry.LastRecordedAt = e.Timestamp;
        return entry;
    }

    public static T Revised<T>(IEvent e, T entry, EntryOrigin origin, EntryStatus status) where T : TimelineEntry
    {
        entry.Status = status;
        entry.StreamVersion = e.Version;
        entry.Sequence = origin.Sequence;
        entry.RecordedAt = origin.RecordedAt;
        entry.LastRecordedAt = e.Timestamp;
        return entry;
    }
}
