using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using SinoRussiaTimeline.Exports;
using SinoRussiaTimeline.Tests.Support;
using SinoRussiaTimeline.Timeline;

namespace SinoRussiaTimeline.Tests.Exports;

[Collection(SharedExportsService.Name)]
public sealed class TimelineCsvTests(TimelineApp app) : IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateAnonymousClient();
    private readonly HttpClient _editor = app.CreateClient();
    private Given Given => new(_editor);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Reads the CSV back strictly: comma separated, header required, malformed quoting or a ragged row throws.</summary>
    private async Task<List<Dictionary<string, string>>> CsvAsync(string query)
    {
        var response = await _client.GetUrlAsync("/api/timeline.csv?" + query);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
        return Parse(bytes);
    }

    private static List<Dictionary<string, string>> Parse(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, CsvReaderOptions.Default with
        {
            Separator = ',',
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(TimelineCsv.Columns.Select((name, i) => (name, value: csv.GetString(i) ?? "")).ToDictionary(c => c.name, c => c.value));
        csv.Headers.ToArray().ShouldBe(TimelineCsv.Columns);
        return rows;
    }

    [Fact]
    public async Task The_CSV_holds_exactly_the_entries_the_timeline_lists_for_the_same_filters_in_the_same_order()
    {
        var recorded = await ExportScenario.RecordMixedAsync(_editor);
        string[] filters =
        [
            "countries=CN,RU",
            "countries=RU,CN&kinds=visit,armsDelivery&from=2014-06&to=2018&includeRetracted=true",
            $"officialId={recorded.Xi}&order=desc",
            "q=delivery&countries=IN",
        ];

        foreach (var filter in filters)
        {
            var expected = await _client.TimelineIdsAsync(filter);
            expected.ShouldNotBeEmpty(filter);
            (await CsvAsync(filter)).Select(r => r["id"]).ToList().ShouldBe(expected, filter);
        }
        (await _client.TimelineIdsAsync(filters[0])).Count.ShouldBeGreaterThan(50, "more than one page of the timeline");
    }

    [Fact]
    public async Task Read_page_by_page_the_timeline_query_serves_every_entry_once_in_order()
    {
        var recorded = await ExportScenario.RecordMixedAsync(_editor);
        var expected = await _client.TimelineIdsAsync("countries=CN,RU&includeRetracted=true&order=desc");

        await using var session = app.Store.QuerySession();
        var query = TimelineQuery.Prepare(session, new ExportTimeline { Countries = "CN,RU", IncludeRetracted = true, Order = "desc" });
        var ids = new List<string>();
        await foreach (var entry in query.AllAsync(pageSize: 7, TestContext.Current.CancellationToken)) ids.Add(entry.Id);

        ids.ShouldBe(expected);
        ids.ShouldContain(recorded.Retracted);
    }

    [Fact]
    public async Task A_row_carries_the_EDTF_date_its_bounds_and_precision_the_officials_the_place_the_sources_and_the_status()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN", "魏凤和");
        var shoigu = await Given.OfficialAsync("Sergei Shoigu", "RU");
        var visit = await Given.VisitAsync(wei, "RU", "2018-04~", "Wei Fenghe in Moscow", b =>
        {
            b["city"] = "Moscow";
            b["hostOfficialIds"] = Bodies.Array([shoigu]);
            b["tags"] = Bodies.Array(["defence", "first trip"]);
            b["sources"] = new JsonArray(
                new JsonObject { ["title"] = "Moscow Meetings", ["publisher"] = "China-US Focus", ["publishedOn"] = "2018-06-08", ["url"] = "https://www.chinausfocus.com/a" },
                new JsonObject { ["title"] = "Xinhua report", ["publisher"] = "Xinhua" });
        });
        var open = await Given.ArmsDeliveryAsync("RU", "CN", "2018-11-27/..");

        var rows = await CsvAsync("");

        rows.Count.ShouldBe(2);
        var row = rows[0];
        row["id"].ShouldBe(visit.Id());
        row["kind"].ShouldBe("visit");
        row["date"].ShouldBe("2018-04~");
        row["earliest"].ShouldBe("2018-04-01");
        row["latest"].ShouldBe("2018-04-30");
        row["precision"].ShouldBe("month");
        row["qualifier"].ShouldBe("approximate");
        row["displayDate"].ShouldBe("c. April 2018");
        row["title"].ShouldBe("Wei Fenghe in Moscow");
        row["description"].ShouldBe(visit.GetProperty("description").GetString());
        row["countries"].ShouldBe("CN; RU");
        row["officials"].ShouldBe("Wei Fenghe (visitor); Sergei Shoigu (host)");
        row["officialIds"].ShouldBe($"{wei}; {shoigu}");
        row["placeCountry"].ShouldBe("RU");
        row["placeCity"].ShouldBe("Moscow");
        row["status"].ShouldBe("active");
        row["version"].ShouldBe("1");
        DateTimeOffset.Parse(row["recordedAt"], CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.Parse(visit.RecordedAt(), CultureInfo.InvariantCulture));
        row["sources"].ShouldBe("Moscow Meetings | China-US Focus | 2018-06-08 | https://www.chinausfocus.com/a ; Xinhua report | Xinhua |  | ");
        row["tags"].ShouldBe("defence; first trip");

        rows[1]["id"].ShouldBe(open.Id());
        rows[1]["kind"].ShouldBe("armsDelivery");
        rows[1]["latest"].ShouldBe("", "an open end has no last day");
        rows[1]["precision"].ShouldBe("day");
        rows[1]["qualifier"].ShouldBe("");
        rows[1]["displayDate"].ShouldBe("from 27 November 2018");
    }

    [Fact]
    public async Task Commas_quotes_line_breaks_and_markup_come_back_unchanged_and_a_formula_is_defused()
    {
        var official = await Given.OfficialAsync("Li Shangfu", "CN");
        var nasty = await Given.VisitAsync(official, "RU", "2018-04-03", Nasty.Title, b => b["description"] = Nasty.Description);
        var formula = await Given.VisitAsync(official, "RU", "2018-04-04", Nasty.Formula);

        var response = await _client.GetUrlAsync("/api/timeline.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var rows = Parse(bytes);

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a UTF-8 byte order mark, so Excel reads 习近平 right");
        rows.Select(r => r["id"]).ShouldBe([nasty.Id(), formula.Id()]);
        rows[0]["title"].ShouldBe(Nasty.Title);
        rows[0]["description"].ShouldBe(Nasty.Description);
        rows[1]["title"].ShouldBe("'" + Nasty.Formula, "a spreadsheet must show it as text, not run it");
    }

    [Fact]
    public async Task Corrected_and_retracted_entries_are_marked_and_retracted_ones_appear_only_when_asked()
    {
        var recorded = await ExportScenario.RecordMixedAsync(_editor);

        var current = await CsvAsync("countries=CN,RU");
        var withRetracted = await CsvAsync("countries=CN,RU&includeRetracted=true");

        current.Single(r => r["id"] == recorded.Corrected).ShouldSatisfyAllConditions(
            r => r["status"].ShouldBe("corrected"), r => r["version"].ShouldBe("2"), r => r["title"].ShouldBe("Corrected title"));
        current.ShouldNotContain(r => r["id"] == recorded.Retracted);
        withRetracted.Single(r => r["id"] == recorded.Retracted)["status"].ShouldBe("retracted");
    }

    [Fact]
    public async Task With_asOf_the_CSV_holds_the_entries_as_the_service_knew_them_then()
    {
        var official = await Given.OfficialAsync("Wang Qishan", "CN");
        var first = await Given.VisitAsync(official, "RU", "2018-05", "As first reported");
        var asOf = first.RecordedAt();
        await _editor.CorrectAsync(first.Id(), 1, new JsonObject { ["title"] = "As corrected" }, "Better source.");
        var later = await Given.VisitAsync(official, "RU", "2018-06");

        var then = await CsvAsync("asOf=" + Uri.EscapeDataString(asOf));
        var now = await CsvAsync("");

        then.ShouldHaveSingleItem()["title"].ShouldBe("As first reported");
        then[0]["status"].ShouldBe("active");
        now.Select(r => (r["id"], r["title"])).ShouldBe([(first.Id(), "As corrected"), (later.Id(), later.GetProperty("title").GetString()!)]);
    }

    [Fact]
    public async Task It_is_served_as_a_UTF8_CSV_download()
    {
        var response = await _client.GetUrlAsync("/api/timeline.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName.ShouldBe("timeline.csv");
        Parse(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/api/timeline.csv")]
    [InlineData("/api/timeline/timelinejs")]
    public async Task Bad_filters_are_refused_with_a_problem_naming_each(string route)
    {
        var response = await _client.GetUrlAsync(route + "?countries=CN,XX&from=2018-13&kinds=visit,parade&order=sideways&asOf=2018-06-08&officialId=Not%20A%20Slug");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "countries[1]", "from", "kinds[1]", "order", "asOf", "officialId");
    }
}
