using BenchmarkDotNet.Attributes;
using SinoRussiaTimeline.Dates;

namespace SinoRussiaTimeline.Benchmarks;

/// <summary>
/// EDTF parsing: every write parses its date, and every read parses each item's date again to present it. One case per
/// precision, since each takes its own path through the parser.
/// </summary>
[MemoryDiagnoser]
public class EdtfBenchmarks
{
    [Params("2018-04-03", "2018-04", "2013", "2018-05~", "2016-12-25?", "2018-04-01/2018-04-08", "2018-11-27/..")]
    public string Text { get; set; } = "";

    [Benchmark(Description = "EdtfDate.Parse")]
    public EdtfDate Parse() => EdtfDate.Parse(Text);
}

/// <summary>Chronology between two entries (GET /api/chronology): from the parsed bounds, never from the text.</summary>
[MemoryDiagnoser]
public class ChronologyBenchmarks
{
    private readonly EdtfDate _day = EdtfDate.Parse("2018-04-03");
    private readonly EdtfDate _month = EdtfDate.Parse("2018-04");
    private readonly EdtfDate _earlier = EdtfDate.Parse("2013");
    private readonly EdtfDate _span = EdtfDate.Parse("2018-04-01/2018-04-08");

    [Benchmark(Description = "Chronology.Compare: a day inside a month (indeterminate, with the reason)")]
    public ChronologyResult DayInMonth() => Chronology.Compare(_day, _month);

    [Benchmark(Description = "Chronology.Compare: a year before a month (before)")]
    public ChronologyResult YearBeforeMonth() => Chronology.Compare(_earlier, _month);

    [Benchmark(Description = "Chronology.CompareForSorting: a day and a span of days")]
    public int SortDayAndSpan() => Chronology.CompareForSorting(_day, _span);
}
