using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Exports;

[Collection(SharedExportsService.Name)]
public sealed class TimelineJsTests(TimelineApp app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateAnonymousClient();
    private readonly HttpClient _editor = app.CreateClient();
    private Given Given => new(_editor);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> TimelineJsAsync(string query = "")
    {
        var response = await _client.GetUrlAsync("/api/timeline/timelinejs?" + query);
        var text = await response.TextAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<JsonElement> Events(JsonElement document) => document.GetProperty("events").EnumerateArray().ToList();

    private static JsonElement Event(JsonElement document, string id) => Events(document).Single(e => e.GetProperty("unique_id").GetString() == id);

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task The_events_are_exactly_the_entries_the_timeline_lists_for_the_same_filters_in_the_same_order()
    {
        var recorded = await ExportScenario.RecordMixedAsync(_editor);

        foreach (var filter in new[] { "countries=CN,RU", $"countries=CN,RU&kinds=visit,jointStatement&officialId={recorded.Putin}&from=2015&order=desc&includeRetracted=true" })
        {
            var expected = await _client.TimelineIdsAsync(filter);
            expected.Count.ShouldBeGreaterThan(20, filter);
            Events(await TimelineJsAsync(filter)).Select(e => e.GetProperty("unique_id").GetString()).ShouldBe(expected, filter);
        }
    }

    [Fact]
    public async Task Dates_are_given_to_the_precision_known_and_spans_have_an_end()
    {
        var official = await Given.OfficialAsync("Wei Fenghe", "CN");
        var day = (await Given.VisitAsync(official, "RU", "2018-04-03")).Id();
        var month = (await Given.VisitAsync(official, "RU", "2018-04~")).Id();
        var year = (await Given.VisitAsync(official, "RU", "2013")).Id();
        var span = (await Given.VisitAsync(official, "RU", "2018-04-01/2018-04-08")).Id();
        var months = (await Given.VisitAsync(official, "RU", "2018-01/2018-05")).Id();
        var open = (await Given.VisitAsync(official, "RU", "2018-11-27/..")).Id();

        var document = await TimelineJsAsync();

        var d = Event(document, day);
        Keys(d.GetProperty("start_date")).ShouldBe(["year", "month", "day", "display_date"]);
        (d.GetProperty("start_date").GetProperty("year").GetInt32(), d.GetProperty("start_date").GetProperty("month").GetInt32(), d.GetProperty("start_date").GetProperty("day").GetInt32())
            .ShouldBe((2018, 4, 3));
        d.TryGetProperty("end_date", out _).ShouldBeFalse();
        d.GetProperty("display_date").GetString().ShouldBe("3 April 2018");

        var m = Event(document, month);
        Keys(m.GetProperty("start_date")).ShouldBe(["year", "month", "display_date"], "a month-precision entry has no day");
        m.GetProperty("start_date").GetProperty("month").GetInt32().ShouldBe(4);
        m.TryGetProperty("end_date", out _).ShouldBeFalse();
        m.GetProperty("display_date").GetString().ShouldBe("c. April 2018");

        var y = Event(document, year);
        Keys(y.GetProperty("start_date")).ShouldBe(["year", "display_date"], "a year-only entry has only a year");
        y.GetProperty("start_date").GetProperty("year").GetInt32().ShouldBe(2013);

        var s = Event(document, span);
        s.GetProperty("start_date").GetProperty("day").GetInt32().ShouldBe(1);
        Keys(s.GetProperty("end_date")).ShouldBe(["year", "month", "day", "display_date"]);
        s.GetProperty("end_date").GetProperty("day").GetInt32().ShouldBe(8);
        s.GetProperty("display_date").GetString().ShouldBe("1–8 April 2018");

        var ms = Event(document, months);
        Keys(ms.GetProperty("start_date")).ShouldBe(["year", "month", "display_date"]);
        Keys(ms.GetProperty("end_date")).ShouldBe(["year", "month", "display_date"]);
        ms.GetProperty("end_date").GetProperty("month").GetInt32().ShouldBe(5);

        var o = Event(document, open);
        o.TryGetProperty("end_date", out _).ShouldBeFalse("an open end has no end to show");
        o.GetProperty("display_date").GetString().ShouldBe("from 27 November 2018");
    }

    [Fact]
    public async Task Headlines_and_text_are_HTML_escaped_and_the_sources_are_links()
    {
        var official = await Given.OfficialAsync("Li Shangfu", "CN");
        var visit = await Given.VisitAsync(official, "RU", "2018-04-03", Nasty.Title, b =>
        {
            b["description"] = Nasty.Description;
            b["sources"] = new JsonArray(
                new JsonObject { ["title"] = "A \"source\" <i>", ["publisher"] = "Pub & Co", ["publishedOn"] = "2018-06-08", ["url"] = "https://example.org/a?b=1&c=\"2\"" },
                new JsonObject { ["title"] = "Print only", ["publisher"] = "Gazette" });
        });

        var e = Event(await TimelineJsAsync(), visit.Id());
        var headline = e.GetProperty("text").GetProperty("headline").GetString()!;
        var html = e.GetProperty("text").GetProperty("text").GetString()!;

        headline.ShouldNotContain("<script", Case.Insensitive);
        System.Net.WebUtility.HtmlDecode(headline).ShouldBe(Nasty.Title);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("<b>", Case.Insensitive);
        html.ShouldNotContain("<i>", Case.Insensitive);

        // The markup is well formed and made only of our own elements; the user's text is in it as text.
        var body = XElement.Parse("<div>" + html + "</div>");
        body.Descendants().Select(x => x.Name.LocalName).Distinct().ShouldBeSubsetOf(["a", "li", "p", "strong", "ul"], html);
        body.Descendants("p").ShouldContain(p => p.Value == Nasty.Description.ReplaceLineEndings("\n"), "XML reads CR LF as LF");
        var links = body.Descendants("a").ToList();
        links.ShouldHaveSingleItem().Attribute("href")!.Value.ShouldBe("https://example.org/a?b=1&c=%222%22");
        links[0].Value.ShouldBe("A \"source\" <i>");
        body.Descendants("li").Select(li => li.Value).ShouldBe(["A \"source\" <i>, Pub & Co, 8 June 2018", "Print only, Gazette"]);
    }

    [Fact]
    public async Task Corrected_and_retracted_entries_are_marked_and_each_event_is_grouped_by_kind()
    {
        var recorded = await ExportScenario.RecordMixedAsync(_editor);

        var document = await TimelineJsAsync("countries=CN,RU&includeRetracted=true");

        var corrected = Event(document, recorded.Corrected);
        corrected.GetProperty("text").GetProperty("headline").GetString().ShouldBe("Corrected title");
        corrected.GetProperty("text").GetProperty("text").GetString()!.ShouldContain("<strong>Corrected.</strong>");
        var retracted = Event(document, recorded.Retracted);
        retracted.GetProperty("text").GetProperty("headline").GetString()!.ShouldStartWith("Retracted: ");
        retracted.GetProperty("text").GetProperty("text").GetString()!.ShouldContain("<strong>Retracted.</strong>");
        Events(document).Select(e => e.GetProperty("group").GetString()).Distinct().Order()
            .ShouldBe(["Arms delivery", "Joint statement", "Visit"]);
        Events(await TimelineJsAsync("countries=CN,RU")).ShouldNotContain(e => e.GetProperty("unique_id").GetString() == recorded.Retracted);
        document.GetProperty("title").GetProperty("text").GetProperty("headline").GetString().ShouldBe("China – Russian Federation: a timeline");
    }

    [Fact]
    public async Task With_asOf_the_events_are_the_entries_as_the_service_knew_them_then()
    {
        var official = await Given.OfficialAsync("Wang Qishan", "CN");
        var first = await Given.VisitAsync(official, "RU", "2018-05", "As first reported");
        var asOf = first.RecordedAt();
        await _editor.CorrectAsync(first.Id(), 1, new JsonObject { ["date"] = "2018-05-24", ["title"] = "As corrected" }, "The days are known.");
        await Given.VisitAsync(official, "RU", "2018-06");

        var then = Events(await TimelineJsAsync("asOf=" + Uri.EscapeDataString(asOf))).ShouldHaveSingleItem();

        then.GetProperty("text").GetProperty("headline").GetString().ShouldBe("As first reported");
        Keys(then.GetProperty("start_date")).ShouldBe(["year", "month", "display_date"]);
        Events(await TimelineJsAsync()).Count.ShouldBe(2);
    }
}
