using System.Net;
using System.Text.Json.Nodes;
using Ical.Net;
using Ical.Net.CalendarComponents;
using SinoRussiaTimeline.Exports;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Exports;

[Collection(SharedExportsService.Name)]
public sealed class ItineraryCalendarTests(TimelineApp app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateAnonymousClient();
    private readonly HttpClient _editor = app.CreateClient();
    private Given Given => new(_editor);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(string Text, Calendar Calendar)> IcsAsync(string officialId, string query = "")
    {
        var response = await _client.GetUrlAsync($"/api/officials/{officialId}/itinerary.ics{query}");
        var text = await response.TextAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return (text, Calendar.Load(text)!);
    }

    private static CalendarEvent Event(Calendar calendar, string entryId) => calendar.Events.Single(e => e.Uid == $"{entryId}@sinorussiatimeline");

    private static string Property(CalendarEvent e, string name) => e.Properties.Single(p => p.Name == name).Value!.ToString()!;

    /// <summary>The content lines of the raw file, unfolded (RFC 5545 §3.1), so tests can read what a calendar program reads.</summary>
    private static List<string> Lines(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n").ToList();

    [Fact]
    public async Task The_calendar_holds_the_officials_visits_as_the_itinerary_lists_them_as_all_day_events_with_exclusive_ends()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN", "习近平");
        var putin = await Given.OfficialAsync("Vladimir Putin", "RU");
        var day = (await Given.VisitAsync(xi, "RU", "2018-04-03", "State visit to Moscow", b => b["city"] = "Moscow")).Id();
        var span = (await Given.VisitAsync(xi, "BY", "2018-04-28/2018-04-30")).Id();
        var monthEnd = (await Given.VisitAsync(xi, "KZ", "2016-12-31")).Id();
        await Given.VisitAsync(putin, "CN", "2018-06-08");

        var (text, calendar) = await IcsAsync(xi);

        var itinerary = (await _client.GetOkJsonAsync($"/api/officials/{xi}/itinerary")).GetProperty("visits").Ids();
        calendar.Events.Select(e => e.Uid).ShouldBe(itinerary.Select(id => $"{id}@sinorussiatimeline"));
        var lines = Lines(text);
        lines.ShouldContain("DTSTART;VALUE=DATE:20180403");
        lines.ShouldContain("DTEND;VALUE=DATE:20180404");
        lines.ShouldContain("DTSTART;VALUE=DATE:20180428");
        lines.ShouldContain("DTEND;VALUE=DATE:20180501", "the day after the last day, across the month's end");
        lines.ShouldContain("DTEND;VALUE=DATE:20170101", "the day after 31 December");
        lines.ShouldContain("PRODID:-//SinoRussiaTimeline//Itinerary export//EN");
        lines.ShouldContain("X-WR-CALNAME:Visits of Xi Jinping");

        var visit = Event(calendar, day);
        visit.IsAllDay.ShouldBeTrue();
        visit.Summary.ShouldBe("State visit to Moscow");
        visit.Location.ShouldBe("Moscow, Russian Federation");
        visit.Categories.ShouldNotContain(ItineraryCalendar.ApproximateDate);
        Property(visit, ItineraryCalendar.PrecisionProperty).ShouldBe("day");
        Event(calendar, span).End!.Date.ShouldBe(new DateOnly(2018, 5, 1));
        Event(calendar, monthEnd).Start!.Date.ShouldBe(new DateOnly(2016, 12, 31));
    }

    [Fact]
    public async Task A_visit_known_only_to_the_month_or_year_spans_it_and_says_so_rather_than_being_pinned_to_a_day()
    {
        var wang = await Given.OfficialAsync("Wang Qishan", "CN");
        var month = (await Given.VisitAsync(wang, "RU", "2018-05", "Wang Qishan in Russia")).Id();
        var february = (await Given.VisitAsync(wang, "RU", "2016-02~", "Winter trip")).Id();
        var year = (await Given.VisitAsync(wang, "RU", "2013", "A visit in 2013")).Id();
        var open = (await Given.VisitAsync(wang, "KZ", "2019-11-27/..", "Open-ended stay")).Id();

        var (text, calendar) = await IcsAsync(wang);

        var m = Event(calendar, month);
        (m.Start!.Date, m.End!.Date).ShouldBe((new DateOnly(2018, 5, 1), new DateOnly(2018, 6, 1)));
        m.Start.HasTime.ShouldBeFalse();
        m.Summary.ShouldBe("Wang Qishan in Russia (date known only to the month)");
        m.Categories.ShouldContain(ItineraryCalendar.ApproximateDate);
        Property(m, ItineraryCalendar.PrecisionProperty).ShouldBe("month");
        Property(m, ItineraryCalendar.EdtfProperty).ShouldBe("2018-05");

        var f = Event(calendar, february);
        (f.Start!.Date, f.End!.Date).ShouldBe((new DateOnly(2016, 2, 1), new DateOnly(2016, 3, 1)), "a leap February");
        f.Summary.ShouldBe("Winter trip (date known only to the month, approximate date)");

        var y = Event(calendar, year);
        (y.Start!.Date, y.End!.Date).ShouldBe((new DateOnly(2013, 1, 1), new DateOnly(2014, 1, 1)));
        y.Summary.ShouldBe("A visit in 2013 (date known only to the year)");
        Property(y, ItineraryCalendar.PrecisionProperty).ShouldBe("year");

        var o = Event(calendar, open);
        (o.Start!.Date, o.End!.Date).ShouldBe((new DateOnly(2019, 11, 27), new DateOnly(2019, 11, 28)));
        o.Summary.ShouldBe("Open-ended stay (end date not known)");
        Lines(text).ShouldContain(l => l.StartsWith("CATEGORIES:", StringComparison.Ordinal) && l.Contains(ItineraryCalendar.ApproximateDate, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Semicolons_commas_backslashes_and_line_breaks_are_escaped_and_read_back_unchanged_with_the_sources()
    {
        var li = await Given.OfficialAsync("Li Shangfu", "CN");
        var visit = await Given.VisitAsync(li, "RU", "2018-04-03", Nasty.Title, b =>
        {
            b["city"] = "Saint Petersburg; Pushkin, \"Tsarskoye\"";
            b["description"] = Nasty.Description;
            b["sources"] = new JsonArray(
                new JsonObject { ["title"] = "Report; part 1, \\draft", ["publisher"] = "China-US Focus", ["publishedOn"] = "2018-06-08", ["url"] = "https://www.chinausfocus.com/a" },
                new JsonObject { ["title"] = "Print only", ["publisher"] = "Gazette" });
        });

        var (text, calendar) = await IcsAsync(li);

        var e = Event(calendar, visit.Id());
        e.Summary.ShouldBe(Nasty.Title);
        e.Location.ShouldBe("Saint Petersburg; Pushkin, \"Tsarskoye\", Russian Federation");
        e.Description!.ShouldStartWith(Nasty.Description.ReplaceLineEndings("\n"));
        e.Description.ShouldContain("Sources:\n- Report; part 1, \\draft, China-US Focus, 2018-06-08: https://www.chinausfocus.com/a\n- Print only, Gazette\n");
        e.Description.ShouldContain($"Entry: http://localhost/api/entries/{visit.Id()}");
        e.Url!.AbsoluteUri.ShouldBe($"http://localhost/api/entries/{visit.Id()}");

        var lines = Lines(text);
        lines.ShouldContain(l => l.StartsWith("SUMMARY:Talks\\, \"frank\"\\; open\\nand long", StringComparison.Ordinal) && l.Contains("a\\\\b", StringComparison.Ordinal));
        lines.ShouldContain("LOCATION:Saint Petersburg\\; Pushkin\\, \"Tsarskoye\"\\, Russian Federation");
        text.Split("\r\n").ShouldAllBe(l => System.Text.Encoding.UTF8.GetByteCount(l) <= 75, "content lines are folded at 75 octets");
    }

    [Fact]
    public async Task A_corrected_visit_keeps_its_UID_raises_its_SEQUENCE_and_says_it_was_corrected_and_a_retracted_one_leaves()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var corrected = (await Given.VisitAsync(wei, "RU", "2018-04", "Wei Fenghe in Moscow")).Id();
        var retracted = (await Given.VisitAsync(wei, "BY", "2018-04-05")).Id();
        var (_, before) = await IcsAsync(wei);
        await _editor.CorrectAsync(corrected, 1, new JsonObject { ["date"] = "2018-04-03/2018-04-06" }, "The ministry gives the days.");
        await _editor.RetractAsync(retracted, 1, "A duplicate.");

        var (_, after) = await IcsAsync(wei);

        var e = after.Events.ShouldHaveSingleItem();
        e.Uid.ShouldBe(Event(before, corrected).Uid);
        e.Sequence.ShouldBe(1);
        Event(before, corrected).Sequence.ShouldBe(0);
        (e.Start!.Date, e.End!.Date).ShouldBe((new DateOnly(2018, 4, 3), new DateOnly(2018, 4, 7)));
        e.Summary.ShouldBe("Wei Fenghe in Moscow");
        e.Categories.ShouldContain("corrected");
        e.Description!.ShouldContain("Corrected after it was first recorded (version 2)");
        e.DtStamp!.AsUtc.ShouldBeGreaterThanOrEqualTo(e.Created!.AsUtc);
        e.LastModified!.AsUtc.ShouldBe(e.DtStamp.AsUtc);
    }

    [Fact]
    public async Task With_asOf_the_calendar_holds_the_visits_as_the_service_knew_them_then()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var first = await Given.VisitAsync(wei, "RU", "2018-04", "As first reported");
        var asOf = first.RecordedAt();
        await _editor.CorrectAsync(first.Id(), 1, new JsonObject { ["date"] = "2018-04-03", ["title"] = "As corrected" }, "The days are known.");
        await Given.VisitAsync(wei, "BY", "2018-06-01");

        var (_, then) = await IcsAsync(wei, "?asOf=" + Uri.EscapeDataString(asOf));

        var e = then.Events.ShouldHaveSingleItem();
        e.Summary.ShouldBe("As first reported (date known only to the month)");
        e.End!.Date.ShouldBe(new DateOnly(2018, 5, 1));
        (await IcsAsync(wei)).Calendar.Events.Count.ShouldBe(2);
    }

    [Fact]
    public async Task It_is_a_calendar_download_and_an_unknown_official_or_a_bad_asOf_is_a_problem()
    {
        var wang = await Given.OfficialAsync("Wang Yi", "CN");

        var response = await _client.GetUrlAsync($"/api/officials/{wang}/itinerary.ics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"{wang}-itinerary.ics");
        Calendar.Load(await response.TextAsync())!.Events.ShouldBeEmpty();

        await (await _client.GetUrlAsync("/api/officials/nobody-at-all/itinerary.ics")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetUrlAsync($"/api/officials/{wang}/itinerary.ics?asOf=2018-06-08")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "asOf");
    }
}
