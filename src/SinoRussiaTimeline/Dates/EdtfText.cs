using System.Globalization;

namespace SinoRussiaTimeline.Dates;

// English display text, fixed rather than culture-driven: the output is read by journalists, not localised.
internal static class EdtfText
{
    private static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    public static string MonthName(int month) => MonthNames[month - 1];

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"3 April 2018".</summary>
    public static string Day(DateOnly day) => $"{Number(day.Day)} {MonthName(day.Month)} {Number(day.Year)}";

    /// <summary>The point at its precision, without its qualifier.</summary>
    public static string Plain(EdtfPoint point) => point.Precision switch
    {
        EdtfPrecision.Day => Day(point.Earliest),
        EdtfPrecision.Month => $"{MonthName(point.Month!.Value)} {Number(point.Year)}",
        _ => Number(point.Year),
    };

    public static string Qualify(string text, EdtfQualifier qualifier) => qualifier switch
    {
        EdtfQualifier.Approximate => "c. " + text,
        EdtfQualifier.Uncertain => text + " (uncertain)",
        EdtfQualifier.UncertainAndApproximate => "c. " + text + " (uncertain)",
        _ => text,
    };

    public static string QualifierMark(EdtfQualifier qualifier) => qualifier switch
    {
        EdtfQualifier.Uncertain => "?",
        EdtfQualifier.Approximate => "~",
        EdtfQualifier.UncertainAndApproximate => "%",
        _ => "",
    };

    public static string QualifierWord(EdtfQualifier qualifier) => qualifier switch
    {
        EdtfQualifier.Uncertain => "uncertain",
        EdtfQualifier.Approximate => "approximate",
        EdtfQualifier.UncertainAndApproximate => "uncertain and approximate",
        _ => "exact",
    };

    /// <summary>Joins two ends of a range; a spaced dash once either side has spaces, as in "28 March – 3 April 2018".</summary>
    public static string Range(string from, string to) =>
        from.Contains(' ', StringComparison.Ordinal) || to.Contains(' ', StringComparison.Ordinal)
            ? $"{from} – {to}"
            : $"{from}–{to}";

    /// <summary>A range of two unqualified points, sharing what they share: "1–8 April 2018", "January–May 2018".</summary>
    public static string CompactRange(EdtfPoint start, EdtfPoint end)
    {
        if (start.Precision == end.Precision && start.Year == end.Year)
        {
            if (start.Precision == EdtfPrecision.Day && start.Month == end.Month)
            {
                return $"{Number(start.Day!.Value)}–{Number(end.Day!.Value)} {MonthName(start.Month!.Value)} {Number(start.Year)}";
            }

            if (start.Precision == EdtfPrecision.Day)
            {
                return $"{Number(start.Day!.Value)} {MonthName(start.Month!.Value)} – {Day(end.Earliest)}";
            }

            if (start.Precision == EdtfPrecision.Month)
            {
                return $"{MonthName(start.Month!.Value)}–{MonthName(end.Month!.Value)} {Number(start.Year)}";
            }
        }

        return Range(Plain(start), Plain(end));
    }
}
