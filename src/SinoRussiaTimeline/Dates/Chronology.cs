namespace SinoRussiaTimeline.Dates;

public enum ChronologyRelation
{
    Before,
    After,
    SameDay,
    Overlapping,
    Indeterminate,
}

/// <summary>How two dates stand in time, with a plain English sentence saying why.</summary>
public sealed record ChronologyResult(ChronologyRelation Relation, string Reason);

/// <summary>
/// Chronology from the bounds, never from the text. Relations are about when each thing began:
/// a span that began first is <see cref="ChronologyRelation.Before"/> even if it is still going on when the other begins.
/// </summary>
public static class Chronology
{
    /// <summary>Timeline order as an <see cref="IComparer{T}"/>; see <see cref="CompareForSorting"/>.</summary>
    public static IComparer<EdtfDate> SortOrder { get; } = Comparer<EdtfDate>.Create(CompareForSorting);

    public static ChronologyResult Compare(EdtfDate a, EdtfDate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        if (a.LatestStart < b.EarliestStart)
        {
            return Result(ChronologyRelation.Before, $"{a} is before {b}: {BeginsBy(a)}, and {CannotBeginBefore(b)}.", a, b);
        }

        if (b.LatestStart < a.EarliestStart)
        {
            return Result(ChronologyRelation.After, $"{a} is after {b}: {BeginsBy(b)}, and {CannotBeginBefore(a)}.", a, b);
        }

        if (a.IsSingleDay && b.IsSingleDay)
        {
            // Not before and not after, so two single days are the same day.
            return Result(ChronologyRelation.SameDay, $"{a} and {b} are the same day, {EdtfText.Day(a.EarliestStart)}.", a, b);
        }

        var sharedFrom = Max(a.LatestStart, b.LatestStart);
        var sharedTo = Min(a.EarliestEnd, b.EarliestEnd);
        if ((a.IsInterval || b.IsInterval) && sharedFrom <= sharedTo)
        {
            var when = sharedFrom == sharedTo
                ? "on " + EdtfText.Day(sharedFrom)
                : $"from {EdtfText.Day(sharedFrom)} to {EdtfText.Day(sharedTo)}";
            return Result(
                ChronologyRelation.Overlapping,
                $"{a} and {b} overlap: both are certainly under way {when}, and the dates cannot tell which began first.",
                a,
                b);
        }

        var why = a.EarliestStart == b.EarliestStart && a.LatestStart == b.LatestStart
            ? $"both begin {BeginsWithin(a)}, and the dates cannot tell which began first"
            : $"{StartOf(a)} may be before, on or after {StartOf(b)}";
        return Result(ChronologyRelation.Indeterminate, $"{a} and {b} overlap: {why}.", a, b);
    }

    /// <summary>
    /// Timeline order: earlier <see cref="EdtfDate.EarliestStart"/> first; on a tie the wider start first (later
    /// <see cref="EdtfDate.LatestStart"/>), so that a year sorts before its months and a month before every day in it,
    /// its first day included. Returns 0 for equal keys: the caller breaks ties with the recorded sequence.
    /// </summary>
    public static int CompareForSorting(EdtfDate a, EdtfDate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byEarliest = a.EarliestStart.CompareTo(b.EarliestStart);
        return byEarliest != 0 ? byEarliest : b.LatestStart.CompareTo(a.LatestStart);
    }

    private static ChronologyResult Result(ChronologyRelation relation, string reason, EdtfDate a, EdtfDate b)
    {
        // The bounds ignore qualifiers, so say when a date is marked doubtful.
        var marked = new[] { a, b }
            .Where(d => d.Qualifier != EdtfQualifier.None)
            .Distinct()
            .Select(d => $"{d} is marked {EdtfText.QualifierWord(d.Qualifier)}")
            .ToList();
        return new ChronologyResult(relation, marked.Count == 0 ? reason : $"{reason} Note that {string.Join(" and ", marked)}.");
    }

    private static string BeginsBy(EdtfDate date) =>
        date.Start.Precision == EdtfPrecision.Day
            ? $"{date} begins on {EdtfText.Day(date.LatestStart)}"
            : $"{date} begins by {EdtfText.Day(date.LatestStart)} at the latest";

    private static string CannotBeginBefore(EdtfDate date) =>
        date.Start.Precision == EdtfPrecision.Day
            ? $"{date} begins on {EdtfText.Day(date.EarliestStart)}"
            : $"{date} cannot begin before {EdtfText.Day(date.EarliestStart)}";

    private static string StartOf(EdtfDate date) =>
        !date.IsInterval ? EdtfText.Plain(date.Start)
        : IsNarrowedByEnd(date) ? $"the start of {date} (between {EdtfText.Day(date.EarliestStart)} and {EdtfText.Day(date.LatestStart)})"
        : $"the start of {date} ({EdtfText.Plain(date.Start)})";

    private static string BeginsWithin(EdtfDate date) =>
        IsNarrowedByEnd(date) ? $"between {EdtfText.Day(date.EarliestStart)} and {EdtfText.Day(date.LatestStart)}"
        : date.Start.Precision == EdtfPrecision.Day ? "on " + EdtfText.Plain(date.Start)
        : "in " + EdtfText.Plain(date.Start);

    // An interval whose end falls inside its start's range began by that end, sooner than its start point says.
    private static bool IsNarrowedByEnd(EdtfDate date) => date.LatestStart != date.Start.Latest;

    private static DateOnly Max(DateOnly x, DateOnly y) => x > y ? x : y;

    private static DateOnly Min(DateOnly x, DateOnly y) => x < y ? x : y;
}
