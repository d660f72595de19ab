using System.Globalization;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// Time travel on the recorded clock: "what did the service say at instant T". Every view that takes asOf reads the
/// entry revisions valid at T instead of the current entries, so no request replays the log.
/// </summary>
public static class AsOf
{
    public const string Message = "Must be an RFC 3339 instant with its offset, e.g. 2026-11-28T12:00:00Z.";

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is { Length: >= 20 and <= 40 }
               && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
    }

    public static DateTimeOffset? Parse(string? text) =>
        text is null ? null : TryParse(text, out var instant) ? instant : throw Infrastructure.RequestValidationException.For("asOf", Message);

    /// <summary>The revisions that were current at the instant: recorded by then, not yet replaced.</summary>
    public static IQueryable<EntryRevision> ValidAt(this IQueryable<EntryRevision> revisions, DateTimeOffset instant) =>
        revisions.Where(r => r.LastRecordedAt <= instant && (r.RecordedUntil == null || r.RecordedUntil > instant));
}
