using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mediator;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Timeline;

namespace SinoRussiaTimeline.Exports;

/// <summary>A timeline in Knight Lab's TimelineJS JSON format, ready for <c>new TL.Timeline(id, url)</c>.</summary>
/// <param name="Title">The title slide.</param>
/// <param name="Events">One slide per entry, in the timeline's order.</param>
public sealed record TimelineJsDocument(
    [property: JsonPropertyName("title")] TimelineJsSlide Title,
    [property: JsonPropertyName("events")] IAsyncEnumerable<TimelineJsEvent> Events);

public sealed record TimelineJsSlide([property: JsonPropertyName("text")] TimelineJsText Text);

/// <summary>One TimelineJS slide: an entry at its true precision.</summary>
/// <param name="StartDate">Its start, at the precision known: a month-precision entry has no day, a year-only entry only a year.</param>
/// <param name="EndDate">The end of a span; absent for a single date and for an open end.</param>
/// <param name="DisplayDate">The date as a reader says it. <example>c. April 2018</example></param>
/// <param name="Text">Headline and HTML body (description, status, sources as links); every user-supplied text is HTML-escaped.</param>
/// <param name="Group">The kind, as a reader names it. <example>Visit</example></param>
/// <param name="UniqueId">The entry's id.</param>
public sealed record TimelineJsEvent(
    [property: JsonPropertyName("start_date")] TimelineJsDate StartDate,
    [property: JsonPropertyName("end_date"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TimelineJsDate? EndDate,
    [property: JsonPropertyName("display_date")] string DisplayDate,
    [property: JsonPropertyName("text")] TimelineJsText Text,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("unique_id")] string UniqueId);

/// <summary>A TimelineJS date: month and day only when known.</summary>
public sealed record TimelineJsDate(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("month"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Month,
    [property: JsonPropertyName("day"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Day,
    [property: JsonPropertyName("display_date")] string DisplayDate);

public sealed record TimelineJsText(
    [property: JsonPropertyName("headline")] string Headline,
    [property: JsonPropertyName("text")] string Text);

public static class TimelineJs
{
    // Markup and non-Latin names stay readable in the file: every user-supplied text is HTML-encoded before it reaches the
    // JSON, and the file is served as application/json, not inlined into a page.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TimelineJsDocument Document(TimelineFilters filters, IAsyncEnumerable<EntryResponse> entries) =>
        new(TitleSlide(filters), Events(entries));

    private static async IAsyncEnumerable<TimelineJsEvent> Events(IAsyncEnumerable<EntryResponse> entries)
    {
        await foreach (var entry in entries) yield return Event(entry);
    }

    public static TimelineJsEvent Event(EntryResponse e)
    {
        var date = EdtfDate.Parse(e.Date.Edtf);
        var headline = e.Status == EntryStatus.Retracted ? "Retracted: " + e.Title : e.Title;
        return new TimelineJsEvent(
            Date(date.Start),
            date.End is { } end ? Date(end) : null,
            e.Date.Display,
            new TimelineJsText(Html(headline), Body(e)),
            ExportText.KindLabel(e.Kind),
            e.Id);
    }

    private static TimelineJsDate Date(EdtfPoint point) => new(point.Year, point.Month, point.Day, point.ToDisplayString());

    // TimelineJS inserts headline and text as HTML: everything that came from a user is encoded, and only http(s)
    // URLs become links.
    private static string Body(EntryResponse e)
    {
        var html = new StringBuilder();
        if (e.Status == EntryStatus.Corrected)
            html.Append("<p><strong>Corrected.</strong> This entry was corrected after it was first recorded (version ")
                .Append(e.Version).Append("); its history shows what changed and why.</p>");
        if (e.Status == EntryStatus.Retracted)
            html.Append("<p><strong>Retracted.</strong> This entry was withdrawn; it is kept for the record only.</p>");
        if (!string.IsNullOrWhiteSpace(e.Description)) html.Append("<p>").Append(Html(e.Description)).Append("</p>");

        var facts = new List<string> { Html(e.Date.Display) };
        if (e.Place is not null) facts.Add(Html(ExportText.Place(e.Place)));
        if (e.Officials.Count > 0) facts.Add(Html(ExportText.Officials(e.Officials)));
        html.Append("<p>").AppendJoin(" · ", facts).Append("</p>");

        html.Append("<p>Sources:</p><ul>");
        foreach (var source in e.Sources)
        {
            html.Append("<li>");
            if (SafeLink(source.Url) is { } url)
                html.Append("<a href=\"").Append(Html(url)).Append("\" target=\"_blank\" rel=\"noopener noreferrer\">").Append(Html(source.Title)).Append("</a>");
            else
                html.Append(Html(source.Title));
            html.Append(", ").Append(Html(source.Publisher));
            if (source.PublishedOn is { } published && EdtfDate.TryParse(published, out var on)) html.Append(", ").Append(Html(on.ToDisplayString()));
            html.Append("</li>");
        }
        html.Append("</ul>");
        return html.ToString();
    }

    private static string? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static TimelineJsSlide TitleSlide(TimelineFilters filters)
    {
        var countries = TimelineFilter.Split(filters.Countries).Select(c => CountryCodes.NameOf(c) ?? c).ToList();
        var headline = countries.Count > 0 ? string.Join(" – ", countries) + ": a timeline" : "A timeline of bilateral relations";
        var said = new List<string>();
        if (filters.From is not null || filters.To is not null)
            said.Add($"period {filters.From ?? "…"} to {filters.To ?? "…"}");
        if (filters.Kinds is not null) said.Add("kinds " + filters.Kinds);
        if (filters.OfficialId is not null) said.Add("official " + filters.OfficialId);
        if (!string.IsNullOrWhiteSpace(filters.Q)) said.Add($"text “{filters.Q}”");
        if (filters.IncludeRetracted == true) said.Add("retracted entries included");
        if (filters.AsOf is not null) said.Add("as recorded at " + filters.AsOf);
        var text = "<p>Dated events from SinoRussiaTimeline, each at the precision its sources support, with its sources."
                   + (said.Count > 0 ? " Filters: " + Html(string.Join("; ", said)) + "." : "") + "</p>";
        return new TimelineJsSlide(new TimelineJsText(Html(headline), text));
    }

    public static IEndpointRouteBuilder MapTimelineJs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/timeline/timelinejs", async ([AsParameters] ExportTimeline query, IMediator mediator, HttpContext http) =>
            {
                var export = await mediator.Send(query, http.RequestAborted);
                var document = Document(export.Filters, export.Entries);
                return TypedResults.Stream(body => JsonSerializer.SerializeAsync(body, document, Json, http.RequestAborted),
                    "application/json; charset=utf-8");
            })
            .WithTags(ExportsApi.Tag)
            .WithName("ExportTimelineJs")
            .WithSummary("The timeline in Knight Lab's TimelineJS JSON format: every entry matching the same filters as GET /api/timeline, not paged.")
            .WithDescription("Embed it with TimelineJS (new TL.Timeline('timeline-embed', url)). Each event's start_date and end_date carry "
                             + "year, month and day only as far as the entry's date is known; spans have an end_date, open ends do not. "
                             + "text.text is HTML: the description, whether the entry was corrected or retracted, and its sources as links. "
                             + "group is the kind: Visit, Arms delivery or Joint statement.")
            .Produces<TimelineJsDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        return app;
    }
}
