using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// The stored read model of one entry (one event stream), whatever its kind: what the timeline, the entry route and the
/// chronology check read. Kind-specific facts sit in one nullable section per kind, so adding a kind adds a section and
/// its feature folder, and nothing else changes.
/// </summary>
public class TimelineEntry
{
    public string Id { get; set; } = "";
    public EntryKind Kind { get; set; }

    /// <summary>The occurrence date as recorded (EDTF); the day numbers below are derived from it for querying.</summary>
    public string Date { get; set; } = "";

    // DateOnly.DayNumber of the date's bounds. Integers keep range filters and keyset paging simple and indexable.
    public int StartEarliest { get; set; }
    public int StartLatest { get; set; }
    public int EndLatest { get; set; }

    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public List<string> Countries { get; set; } = [];
    public List<EntryOfficial> Officials { get; set; } = [];
    public List<string> OfficialIds { get; set; } = [];
    public Place? Place { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<Source> Sources { get; set; } = [];
    public EntryStatus Status { get; set; }

    /// <summary>Stream version: the ETag clients send back with corrections.</summary>
    public long StreamVersion { get; set; }

    /// <summary>Global sequence of the event that created the entry: the last, stable tie-break of the chronological order.</summary>
    public long Sequence { get; set; }

    /// <summary>When the entry was first recorded.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When this version was recorded (equal to RecordedAt until the first correction).</summary>
    public DateTimeOffset LastRecordedAt { get; set; }

    /// <summary>Lower-cased, diacritics-free text that <c>q</c> searches.</summary>
    public string SearchText { get; set; } = "";

    public VisitDetails? Visit { get; set; }
    public ArmsDeliveryDetails? ArmsDelivery { get; set; }
    public JointStatementDetails? JointStatement { get; set; }

    public EdtfDate ParsedDate() => EdtfDate.Parse(Date);

    /// <summary>The fields every kind shares; the kind fills in the rest and the projection stamps the event metadata.</summary>
    public static T New<T>(string entryId, EntryKind kind, string date, string title) where T : TimelineEntry, new()
    {
        var parsed = EdtfDate.Parse(date);
        return new T
        {
            Id = entryId,
            Kind = kind,
            Date = parsed.Text,
            StartEarliest = parsed.EarliestStart.DayNumber,
            StartLatest = parsed.LatestStart.DayNumber,
            EndLatest = parsed.LatestEnd?.DayNumber ?? int.MaxValue,
            Title = title,
        };
    }

    public TimelineEntry WithSearchText(params string?[] parts)
    {
        SearchText = TextFolding.Fold(string.Join(" | ", parts.Concat(Tags).Where(p => !string.IsNullOrWhiteSpace(p))));
        return this;
    }
}
