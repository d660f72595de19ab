using System.Globalization;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// Time travel on the recorded clock: "what did the service say at instant T". Every view that takes asOf reads the
/// entry revisions valid at T instead of the current entries, so no request replays the log.
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

    /// <summary>The revisions that were current at the instant: recorded by then, not yet replaced.</summary>
    public static IQueryable<EntryRevision> ValidAt(this IQueryable<EntryRevision> revisions, DateTimeOffset instant) =>
        revisions.Where(r => r.LastRecordedAt <= instant && (r.RecordedUntil == null || r.RecordedUntil > instant));
}
