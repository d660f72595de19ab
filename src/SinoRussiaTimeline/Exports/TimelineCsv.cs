using System.Globalization;
using CsvHelper;
using Mediator;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Exports;

/// <summary>
/// The timeline as CSV (RFC 4180, UTF-8), one row per entry, for spreadsheets and data tools. Lists inside a cell are
/// joined with "; "; a source is "title | publisher | publishedOn | url" and sources are joined with " ; ". The JSON
/// API stays the lossless form.
/// </summary>
public static class TimelineCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string FileName = "timeline.csv";

    public static readonly string[] Columns =
    [
        "id", "kind", "date", "earliest", "latest", "precision", "qualifier", "displayDate", "title", "description",
        "countries", "officials", "officialIds", "placeCountry", "placeCity", "status", "version", "recordedAt", "sources", "tags",
    ];

    // A UTF-8 byte order mark, because Excel reads a CSV without one in the machine's legacy code page and garbles
    // 习近平 and Си Цзиньпин. Text that starts like a formula (= + - @) gets a leading apostrophe, as OWASP advises for
    // files that spreadsheets open: titles and descriptions come from outside.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<EntryResponse> entries, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(Columns);
        await foreach (var entry in entries.WithCancellation(ct)) await csv.WriteRecordAsync(Row(entry), ct);
        await csv.FlushAsync(ct);
    }

    public static string[] Row(EntryResponse e) =>
    [
        e.Id,
        ExportText.Kind(e.Kind),
        e.Date.Edtf,
        Day(e.Date.Earliest),
        e.Date.Latest is { } latest ? Day(latest) : "",
        Word(e.Date.Precision.ToString()),
        e.Date.Qualifier is { } qualifier ? Word(qualifier.ToString()) : "",
        e.Date.Display,
        e.Title,
        e.Description ?? "",
        string.Join(ExportText.ListSeparator, e.Countries),
        ExportText.Officials(e.Officials),
        string.Join(ExportText.ListSeparator, e.Officials.Select(o => o.Id).Distinct(StringComparer.Ordinal)),
        e.Place?.Country ?? "",
        e.Place?.City ?? "",
        ExportText.Status(e.Status),
        e.Version.ToString(CultureInfo.InvariantCulture),
        ExportText.Instant(e.RecordedAt),
        ExportText.Sources(e.Sources),
        string.Join(ExportText.ListSeparator, e.Tags),
    ];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Word(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    public static IEndpointRouteBuilder MapTimelineCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/timeline.csv", async ([AsParameters] ExportTimeline query, IMediator mediator, HttpContext http) =>
            {
                var export = await mediator.Send(query, http.RequestAborted);
                return TypedResults.Stream(body => WriteAsync(body, export.Entries, http.RequestAborted), ContentType, FileName);
            })
            .WithTags(ExportsApi.Tag)
            .WithName("ExportTimelineCsv")
            .WithSummary("The timeline as CSV: every entry matching the same filters as GET /api/timeline, in the same order, not paged.")
            .WithDescription("One row per entry (UTF-8 with a byte order mark, RFC 4180 quoting). Columns: " + string.Join(", ", Columns) + ". "
                             + "Dates: the EDTF text, its first and last possible day, its precision (day, month, year) and qualifier. "
                             + "Lists are joined with '; '; each source is 'title | publisher | publishedOn | url', sources joined with ' ; '. "
                             + "Text that starts with = + - or @ is prefixed with an apostrophe so spreadsheets do not run it as a formula.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();
        return app;
    }
}
