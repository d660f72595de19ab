using System.Globalization;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// Time travel on the recorded clock: "what did the service say at instant T". The entries as they stood at T are the
/// current entries already recorded by T (<see cref="CurrentAt"/>) and the revisions of replaced versions that were
/// current at T (<see cref="ValidAt"/>): an entry's version at T is in exactly one of the two, so every view that takes
/// asOf reads both and no request replays the log.
/// </summary>
public static partial class AsOf
{
    public const string Message = "Must be an RFC 3339 instant with its offset, e.g. 2026-11-28T12:00:00Z.";

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null
               && Rfc3339().IsMatch(text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
    }

    // RFC 3339 date-time: full date, 'T', time with optional fraction, and 'Z' or a numeric offset. Nothing looser.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex Rfc3339();

    public static DateTimeOffset? Parse(string? text) =>
        text is null ? null : TryParse(text, out var instant) ? instant : throw Infrastructure.RequestValidationException.For("asOf", Message);

    /// <summary>The replaced versions that were current at the instant: recorded by then, replaced after it.</summary>
    public static IQueryable<EntryRevision> ValidAt(this IQueryable<EntryRevision> revisions, DateTimeOffset instant) =>
        revisions.Where(r => r.LastRecordedAt <= instant && r.RecordedUntil > instant);

    /// <summary>The current versions that were already current at the instant: recorded by then (and not replaced since).</summary>
    public static IQueryable<TimelineEntry> CurrentAt(this IQueryable<TimelineEntry> entries, DateTimeOffset instant) =>
        entries.Where(e => e.LastRecordedAt <= instant);
}
