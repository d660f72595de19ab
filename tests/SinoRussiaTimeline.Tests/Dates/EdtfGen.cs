using CsCheck;
using SinoRussiaTimeline.Dates;

namespace SinoRussiaTimeline.Tests.Dates;

/// <summary>Generators of valid EDTF values; most years are close together so that comparisons meet every relation.</summary>
internal static class EdtfGen
{
    public static readonly Gen<int> AnyYear = Gen.Int[1, 9999];

    public static readonly Gen<int> NearbyYear = Gen.Int[2017, 2018];

    public static readonly Gen<int> Year = Gen.Frequency((3, NearbyYear), (1, AnyYear));

    public static readonly Gen<EdtfQualifier> Qualifier = Gen.Enum<EdtfQualifier>();

    public static readonly Gen<EdtfPrecision> Precision = Gen.Enum<EdtfPrecision>();

    public static Gen<EdtfPoint> Point(Gen<int> year) =>
        Gen.Select(year, Gen.Int[1, 12], Precision, Qualifier)
            .SelectMany((y, m, precision, qualifier) => Gen.Int[1, DateTime.DaysInMonth(y, m)].Select(d => new EdtfPoint(
                y,
                precision >= EdtfPrecision.Month ? m : null,
                precision == EdtfPrecision.Day ? d : null,
                qualifier)));

    public static Gen<EdtfPoint> PointAt(EdtfPrecision precision) =>
        Point(AnyYear).Select(p => p with
        {
            Month = precision >= EdtfPrecision.Month ? p.Month ?? 1 : null,
            Day = precision == EdtfPrecision.Day ? p.Day ?? 1 : null,
        });

    public static Gen<EdtfDate> Date(Gen<int> year) => Gen.Frequency(
        (2, Point(year).Select(p => EdtfDate.Parse(p.ToString()))),
        (2, Gen.Select(Point(year), Point(year)).Select((p, q) =>
            // Swapping makes any two points a valid interval: if q ends before p begins, p ends after q begins.
            q.Latest < p.Earliest ? EdtfDate.Parse($"{q}/{p}") : EdtfDate.Parse($"{p}/{q}"))),
        (1, Point(year).Select(p => EdtfDate.Parse($"{p}/.."))));

    public static readonly Gen<EdtfDate> AnyDate = Date(Year);

    public static readonly Gen<EdtfDate> CloseDate = Date(NearbyYear);
}
