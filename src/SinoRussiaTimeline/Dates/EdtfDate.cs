using System.Diagnostics.CodeAnalysis;

namespace SinoRussiaTimeline.Dates;

/// <summary>
/// A parsed EDTF (ISO 8601-2) value, level 0 and the useful part of level 1: a single point
/// (<c>2018</c>, <c>2018-04</c>, <c>2018-04-03</c>, each optionally followed by <c>?</c>, <c>~</c> or <c>%</c>),
/// an interval of two such points (<c>2018-04-01/2018-04-08</c>), or an open-ended one (<c>2018-11-27/..</c>).
/// Equality is by canonical <see cref="Text"/>.
/// </summary>
public sealed class EdtfDate : IEquatable<EdtfDate>
{
    private const string OpenEnd = "..";
    private const int MaxQuotedLength = 60;

    private EdtfDate(EdtfPoint start, EdtfPoint? end, bool isOpenEnded)
    {
        Start = start;
        End = end;
        IsOpenEnded = isOpenEnded;
        Text = isOpenEnded ? $"{start}/{OpenEnd}"
            : end is null ? start.ToString()
            : $"{start}/{end}";
    }

    /// <summary>Canonical EDTF text; <see cref="Parse(string)"/> gives back an equal value.</summary>
    public string Text { get; }

    public EdtfPoint Start { get; }

    /// <summary>The end of a closed interval; null for a single point or an open end.</summary>
    public EdtfPoint? End { get; }

    /// <summary>True for <c>A/B</c> and for the open <c>A/..</c>.</summary>
    public bool IsInterval => End is not null || IsOpenEnded;

    public bool IsOpenEnded { get; }

    /// <summary>The first day on which it may have begun: <c>Start.Earliest</c>.</summary>
    public DateOnly EarliestStart => Start.Earliest;

    /// <summary>
    /// The last day by which it had certainly begun: <c>Start.Latest</c>, except that nothing ends before it begins,
    /// so an interval whose end falls inside its start's range begins by the end's last day
    /// ("2018/2018-04-22" began by 22 April 2018).
    /// </summary>
    public DateOnly LatestStart => End is { } end && end.Latest < Start.Latest ? end.Latest : Start.Latest;

    /// <summary>
    /// Single point: the point's first day; interval: the end point's first day, but not before
    /// <see cref="EarliestStart"/> ("2018-04-10/2018-04" cannot end before 10 April 2018);
    /// open end: <see cref="LatestStart"/>, the last day by which it has certainly begun.
    /// </summary>
    public DateOnly EarliestEnd => End is { } end
        ? (end.Earliest > Start.Earliest ? end.Earliest : Start.Earliest)
        : IsOpenEnded ? LatestStart : Start.Earliest;

    /// <summary>Single point: its last day; interval: the end point's last day; open end: null (unbounded).</summary>
    public DateOnly? LatestEnd => End?.Latest ?? (IsOpenEnded ? null : Start.Latest);

    /// <summary>The coarsest precision among its points (an open end has none).</summary>
    public EdtfPrecision Precision =>
        End is { } end && end.Precision < Start.Precision ? end.Precision : Start.Precision;

    /// <summary>
    /// The qualifiers of both points combined: uncertain if either point is uncertain, approximate if either is
    /// approximate, <see cref="EdtfQualifier.UncertainAndApproximate"/> if both hold. Each point keeps its own.
    /// </summary>
    public EdtfQualifier Qualifier
    {
        get
        {
            var points = End is null ? [Start] : new[] { Start, End };
            var uncertain = points.Any(p => p.Qualifier is EdtfQualifier.Uncertain or EdtfQualifier.UncertainAndApproximate);
            var approximate = points.Any(p => p.Qualifier is EdtfQualifier.Approximate or EdtfQualifier.UncertainAndApproximate);
            return (uncertain, approximate) switch
            {
                (true, true) => EdtfQualifier.UncertainAndApproximate,
                (true, false) => EdtfQualifier.Uncertain,
                (false, true) => EdtfQualifier.Approximate,
                _ => EdtfQualifier.None,
            };
        }
    }

    /// <summary>A single point at day precision (whatever its qualifier).</summary>
    public bool IsSingleDay => !IsInterval && Start.Precision == EdtfPrecision.Day;

    /// <exception cref="FormatException">With the same message as <see cref="TryParse(string?, out EdtfDate?, out string?)"/>'s error.</exception>
    public static EdtfDate Parse(string text) =>
        TryParse(text, out var date, out var error) ? date : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out EdtfDate? date) => TryParse(text, out date, out _);

    /// <summary>Parses EDTF text, trimming surrounding whitespace; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EdtfDate? date, out string? error)
    {
        error = ParseTrimmed(text?.Trim() ?? "", out date);
        return error is null;
    }

    private static string? ParseTrimmed(string text, out EdtfDate? date)
    {
        date = null;
        if (text.Length == 0)
        {
            return "The date is empty: give an EDTF date such as 2018-04-03, 2018-04, 2018 or 2018-04-01/2018-04-08.";
        }

        var parts = text.Split('/');
        if (parts.Length == 1)
        {
            if (text == OpenEnd)
            {
                return Invalid(text, "'..' marks an open end and needs a start before it, e.g. 2018-11-27/..");
            }

            if (EdtfSyntax.TryParsePoint(text, out var point) is { } reason)
            {
                return Invalid(text, reason);
            }

            date = new EdtfDate(point!, null, isOpenEnded: false);
            return null;
        }

        if (parts.Length > 2)
        {
            return Invalid(text, "an interval has exactly one '/' between its start and its end");
        }

        var (left, right) = (parts[0], parts[1]);
        if (left.Length == 0 && right.Length == 0)
        {
            return Invalid(text, "'/' alone gives neither a start nor an end");
        }

        if (left == OpenEnd && right == OpenEnd)
        {
            return Invalid(text, "'../..' gives neither a start nor an end; an interval needs a known start");
        }

        if (left.Length == 0 || left == OpenEnd)
        {
            return Invalid(text, "an interval with an unknown or open start is an unsupported EDTF form: give the start, e.g. 2018-04/2018-06");
        }

        if (EdtfSyntax.TryParsePoint(left, out var start) is { } startProblem)
        {
            return Invalid(text, $"the start {Quote(left)} is not valid ({startProblem})");
        }

        if (right.Length == 0)
        {
            return Invalid(text, $"an interval with an unknown end is an unsupported EDTF form: write {left}/.. for an open end");
        }

        if (right == OpenEnd)
        {
            date = new EdtfDate(start!, null, isOpenEnded: true);
            return null;
        }

        if (EdtfSyntax.TryParsePoint(right, out var end) is { } endProblem)
        {
            return Invalid(text, $"the end {Quote(right)} is not valid ({endProblem})");
        }

        // Equal or overlapping bounds are fine: "2018-04/2018-04-10" is a span that ends within the month it began.
        if (end!.Latest < start!.Earliest)
        {
            return Invalid(text, $"the end ({end}) is before the start ({start})");
        }

        date = new EdtfDate(start, end, isOpenEnded: false);
        return null;
    }

    private static string Invalid(string text, string reason) => $"{Quote(text)} is not a valid EDTF date: {reason}.";

    private static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? $"'{text}'" : $"'{text[..MaxQuotedLength]}…'";

    /// <summary>
    /// Human text at the true precision: "3 April 2018", "April 2018", "2013", "1–8 April 2018", "c. April 2018",
    /// "25 December 2016 (uncertain)", "from 27 November 2018".
    /// </summary>
    public string ToDisplayString()
    {
        if (IsOpenEnded)
        {
            return "from " + Start.ToDisplayString();
        }

        if (End is null || End == Start)
        {
            return Start.ToDisplayString();
        }

        // A shared qualifier is said once for the whole range; different ones stay with their points.
        return Start.Qualifier == End.Qualifier
            ? EdtfText.Qualify(EdtfText.CompactRange(Start, End), Start.Qualifier)
            : EdtfText.Range(Start.ToDisplayString(), End.ToDisplayString());
    }

    /// <summary>True when the two dates' possible day ranges share at least one day (an open end runs on for ever).</summary>
    public bool Overlaps(EdtfDate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return EarliestStart <= (other.LatestEnd ?? DateOnly.MaxValue)
            && other.EarliestStart <= (LatestEnd ?? DateOnly.MaxValue);
    }

    public bool Equals(EdtfDate? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as EdtfDate);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(EdtfDate? left, EdtfDate? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(EdtfDate? left, EdtfDate? right) => !(left == right);

    /// <summary>The canonical EDTF <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}
