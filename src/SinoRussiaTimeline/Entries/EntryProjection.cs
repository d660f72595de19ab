using Marten.Events.Aggregation;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// Builds <see cref="TimelineEntry"/> from an entry's stream. Inline, so an entry is readable the moment the command
/// that recorded it returns. The creation methods live beside each kind's event (Visits/, ArmsDeliveries/,
/// JointStatements/): a new kind adds its own partial file and touches nothing here.
/// </summary>
public sealed partial class EntryProjection : SingleStreamProjection<TimelineEntry, string>;
