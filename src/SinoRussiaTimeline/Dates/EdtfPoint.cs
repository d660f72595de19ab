using System.Globalization;

namespace SinoRussiaTimeline.Dates;

public enum EdtfPrecision
{
    Year,
    Month,
    Day,
}

public enum EdtfQualifier
{
    None,

    /// <summary>EDTF <c>?</c>: the source is not sure of the date.</summary>
    Uncertain,

    /// <summary>EDTF <c>~</c>: the date is about right.</summary>
    Approximate,

    /// <summary>EDTF <c>%</c>: both uncertain and approximate.</summary>
    UncertainAndApproximate,
}

/// <summary>
/// One calendar point at year, month or day precision, with its qualifier.
/// The qualifier never changes the bounds: it is kept and shown, as EDTF intends.
/// </summary>
public sealed record EdtfPoint(int Year, int? Month, int? Day, EdtfQualifier Qualifier)
{
    // Checked here so that a point built in code is as trustworthy as a parsed one.
    public int? Day { get; init; } = EdtfSyntax.CheckPoint(Year, Month, Day, Qualifier) is { } problem
        ? throw new ArgumentException(problem, nameof(Day))
        : Day;

    public EdtfPrecision Precision =>
        Day is not null ? EdtfPrecision.Day
        : Month is not null ? EdtfPrecision.Month
        : EdtfPrecision.Year;

    /// <summary>The first day this point may denote.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day this point may denote.</summary>
    public DateOnly Latest => Precision switch
    {
        EdtfPrecision.Day => Earliest,
        EdtfPrecision.Month => new DateOnly(Year, Month!.Value, DateTime.DaysInMonth(Year, Month.Value)),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>Canonical EDTF text, e.g. <c>2018-04~</c>.</summary>
    public override string ToString()
    {
        var text = Precision switch
        {
            EdtfPrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
            EdtfPrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
            _ => Year.ToString("D4", CultureInfo.InvariantCulture),
        };
        return text + EdtfText.QualifierMark(Qualifier);
    }

    /// <summary>Human text at the true precision, e.g. "c. April 2018" or "25 December 2016 (uncertain)".</summary>
    public string ToDisplayString() => EdtfText.Qualify(EdtfText.Plain(this), Qualifier);
}
