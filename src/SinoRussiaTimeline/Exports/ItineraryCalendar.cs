using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Itineraries;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Exports;

/// <summary>An official's visits, current or as of an instant, with when each version was recorded (for DTSTAMP and SEQUENCE).</summary>
public sealed record GetItineraryCalendar(string OfficialId, string? AsOf) : IQuery<ItineraryVisits>;

public sealed record ItineraryVisits(string OfficialId, string OfficialName, IReadOnlyList<CalendarVisit> Visits);

public sealed record CalendarVisit(EntryResponse Entry, DateTimeOffset LastRecordedAt);

public sealed class GetItineraryCalendarHandler(IQuerySession session) : IQueryHandler<GetItineraryCalendar, ItineraryVisits>
{
    public async ValueTask<ItineraryVisits> Handle(GetItineraryCalendar query, CancellationToken cancellationToken)
    {
        // The itinerary route's own reader: the same visits, in the same order, as GET /api/officials/{id}/itinerary.
        var (itinerary, entries, official) = await ItineraryReader.ReadOfficialAsync(session, query.OfficialId, AsOf.Parse(query.AsOf), cancellationToken);
        var presented = await EntryPresenter.PresentAsync(session, entries, cancellationToken);
        return new ItineraryVisits(itinerary.Id, official.Names.En,
            presented.Zip(entries, (entry, stored) => new CalendarVisit(entry, stored.LastRecordedAt)).ToList());
    }
}

/// <summary>
/// An itinerary as iCalendar (RFC 5545): one all-day event per visit, DTEND exclusive (the day after the last day).
/// A visit known only to the month or the year is not pinned to a day: its event spans the whole month or year, its
/// SUMMARY says "(date known only to the month)", it carries the category "approximate-date", and
/// X-SINORUSSIATIMELINE-PRECISION and -EDTF give the precision and the date as recorded.
/// </summary>
public static class ItineraryCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ApproximateDate = "approximate-date";
    public const string PrecisionProperty = "X-SINORUSSIATIMELINE-PRECISION";
    public const string EdtfProperty = "X-SINORUSSIATIMELINE-EDTF";

    public static string Serialize(ItineraryVisits itinerary, Func<string, Uri> entryUrl)
    {
        var calendar = new Calendar { ProductId = "-//SinoRussiaTimeline//Itinerary export//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", $"Visits of {itinerary.OfficialName}");
        calendar.AddProperty("X-WR-CALDESC", $"Visits of {itinerary.OfficialName} recorded by SinoRussiaTimeline, with their sources. "
                                             + "Visits whose day is not known span their month or year and are marked as such.");
        foreach (var visit in itinerary.Visits) calendar.Events.Add(Event(visit, entryUrl(visit.Entry.Id)));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static CalendarEvent Event(CalendarVisit visit, Uri url)
    {
        var e = visit.Entry;
        var date = EdtfDate.Parse(e.Date.Edtf);
        // All-day, end exclusive. An open end ("2018-11-27/..") shows only its start, marked as such.
        var lastDay = date.LatestEnd ?? date.LatestStart;
        var notes = DateNotes(date);
        var recorded = Utc(visit.LastRecordedAt);
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{e.Id}@sinorussiatimeline",
            Summary = notes.Count == 0 ? e.Title : $"{e.Title} ({string.Join(", ", notes)})",
            Start = new CalDateTime(date.EarliestStart),
            End = new CalDateTime(lastDay.AddDays(1)),
            Location = ExportText.Place(e.Place),
            Description = Description(e, url),
            Url = url,
            DtStamp = recorded,
            LastModified = recorded,
            Created = Utc(e.RecordedAt),
            // A correction is a new version of the same event: calendars that imported it before replace it.
            Sequence = (int)Math.Max(0, e.Version - 1),
            Transparency = "TRANSPARENT",
        };
        calendarEvent.Categories.Add(ExportText.KindLabel(e.Kind));
        if (notes.Count > 0) calendarEvent.Categories.Add(ApproximateDate);
        if (e.Status == EntryStatus.Corrected) calendarEvent.Categories.Add("corrected");
        calendarEvent.AddProperty(PrecisionProperty, Word(date.Precision.ToString()));
        calendarEvent.AddProperty(EdtfProperty, date.Text);
        return calendarEvent;
    }

    /// <summary>What a reader must know before trusting the days the calendar shows.</summary>
    public static List<string> DateNotes(EdtfDate date)
    {
        var notes = new List<string>();
        if (date.Precision == EdtfPrecision.Month) notes.Add("date known only to the month");
        if (date.Precision == EdtfPrecision.Year) notes.Add("date known only to the year");
        if (date.IsOpenEnded) notes.Add("end date not known");
        notes.AddRange(date.Qualifier switch
        {
            EdtfQualifier.Approximate => ["approximate date"],
            EdtfQualifier.Uncertain => ["uncertain date"],
            EdtfQualifier.UncertainAndApproximate => ["uncertain, approximate date"],
            _ => [],
        });
        return notes;
    }

    private static string Description(EntryResponse e, Uri url)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(e.Description)) text.Append(e.Description).Append("\n\n");
        text.Append("Date: ").Append(e.Date.Display).Append(" (EDTF ").Append(e.Date.Edtf).Append(")\n");
        if (e.Officials.Count > 0) text.Append("Officials: ").Append(ExportText.Officials(e.Officials)).Append('\n');
        if (e.Status == EntryStatus.Corrected) text.Append("Corrected after it was first recorded (version ").Append(e.Version).Append("); see the entry's history.\n");
        text.Append("Sources:\n");
        foreach (var source in e.Sources)
        {
            text.Append("- ").Append(ExportText.Citation(source));
            if (source.Url is { } link) text.Append(": ").Append(link);
            text.Append('\n');
        }
        text.Append("Entry: ").Append(url.AbsoluteUri);
        return text.ToString();
    }

    /// <param name="officialId">The official's id. <example>wei-fenghe</example></param>
    /// <param name="asOf">Recorded-time instant (RFC 3339): the visits as the service knew them then.</param>
    private static async Task<FileContentHttpResult> ExportAsync(string officialId, string? asOf, IMediator mediator, HttpContext http)
    {
        var itinerary = await mediator.Send(new GetItineraryCalendar(officialId, asOf), http.RequestAborted);
        var ics = Serialize(itinerary, id => ExportText.Absolute(http.Request, $"/api/entries/{id}"));
        return TypedResults.File(new UTF8Encoding(false).GetBytes(ics), ContentType, $"{itinerary.OfficialId}-itinerary.ics");
    }

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, "UTC", hasTime: true);

    private static string Word(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    public static IEndpointRouteBuilder MapItineraryCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/officials/{officialId}/itinerary.ics", ExportAsync)
            .WithTags(ExportsApi.Tag)
            .WithName("ExportItineraryCalendar")
            .WithSummary("The official's visits as an iCalendar (RFC 5545) file: the same visits as GET /api/officials/{officialId}/itinerary, "
                         + "one all-day event each. asOf (RFC 3339) answers as the service would have at that instant.")
            .WithDescription("Events are all-day (DTSTART;VALUE=DATE) with an exclusive DTEND, the day after the last day. A visit known only "
                             + "to the month or the year spans that whole month or year rather than being pinned to a day: its SUMMARY ends "
                             + "with '(date known only to the month)' (or year), it has the category 'approximate-date', and "
                             + "X-SINORUSSIATIMELINE-PRECISION and X-SINORUSSIATIMELINE-EDTF carry the precision and the date as recorded. "
                             + "UID is stable per entry; SEQUENCE rises with each correction. DESCRIPTION lists the sources.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
