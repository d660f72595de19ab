using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Web;

/// <summary>GET /api/timeline/stats: the counts behind the page's chart, for the same filters as the timeline.</summary>
public sealed class TimelineStatsTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _editor = app.CreateClient();
    private readonly HttpClient _reader = app.CreateAnonymousClient();

    private static IEnumerable<(int Year, int Visit, int ArmsDelivery, int JointStatement)> Years(JsonElement stats) =>
        stats.GetProperty("years").EnumerateArray().Select(y => (
            y.GetProperty("year").GetInt32(), y.GetProperty("visit").GetInt32(), y.GetProperty("armsDelivery").GetInt32(), y.GetProperty("jointStatement").GetInt32()));

    [Fact]
    public async Task The_counts_per_year_and_kind_match_the_entries_the_timeline_lists_for_the_same_filters()
    {
        var given = new Given(_editor);
        var official = await given.OfficialAsync("Stats Minister", "CN");
        await given.VisitAsync(official, "RU", "2016-05");
        await given.VisitAsync(official, "RU", "2016~");
        await given.VisitAsync(official, "RU", "2017-01-02/2017-01-04");
        await given.ArmsDeliveryAsync("RU", "CN", "2017?");
        await given.JointStatementAsync(["CN", "RU"], "2017-07-04");
        await given.VisitAsync(official, "IN", "2017-03");

        var stats = await _reader.GetOkJsonAsync($"/api/timeline/stats?countries=CN,RU&officialId={official}");
        // Only entries naming the official: the delivery names nobody.
        Years(stats).ShouldBe([(2016, 2, 0, 0), (2017, 1, 0, 0)]);
        stats.GetProperty("total").GetInt32().ShouldBe(3);

        var all = await _reader.GetOkJsonAsync("/api/timeline/stats?countries=CN,RU&from=2016&to=2017");
        var listed = await _reader.GetOkJsonAsync("/api/timeline?countries=CN,RU&from=2016&to=2017&limit=500");
        all.GetProperty("total").GetInt32().ShouldBe(listed.GetProperty("items").GetArrayLength());
        Years(all).Single(y => y.Year == 2017).ShouldBe((2017, 1, 1, 1));
    }

    [Fact]
    public async Task Counts_as_of_an_instant_are_those_of_the_entries_then_and_a_name_search_counts_what_the_timeline_lists()
    {
        var given = new Given(_editor);
        var official = await given.OfficialAsync("Stats Envoy Ulyanovsky", "CN");
        var visit = await given.VisitAsync(official, "RU", "2011-04");
        await given.JointStatementAsync(["CN", "RU"], "2011-06-15", [official]);
        var instant = await RecordedInstant.BetweenWritesAsync();
        await _editor.CorrectedAsync(visit, new { date = "2019-09" }, "The visit was in 2019.");

        var then = await _reader.GetOkJsonAsync($"/api/timeline/stats?officialId={official}&asOf={RecordedInstant.Query(instant)}");
        Years(then).ShouldBe([(2011, 1, 0, 1)]);
        var now = await _reader.GetOkJsonAsync($"/api/timeline/stats?officialId={official}");
        Years(now).ShouldBe([(2011, 0, 0, 1), (2019, 1, 0, 0)]);
        now.GetProperty("total").GetInt32().ShouldBe(2);

        // Text matches the official's name, as on the timeline.
        var named = await _reader.GetOkJsonAsync("/api/timeline/stats?q=ulyanovsky");
        var listed = await _reader.GetOkJsonAsync("/api/timeline?q=ulyanovsky&limit=500");
        named.GetProperty("total").GetInt32().ShouldBe(listed.GetProperty("items").GetArrayLength());
        Years(named).ShouldBe([(2011, 0, 0, 1), (2019, 1, 0, 0)]);
    }

    [Fact]
    public async Task Bad_filters_are_refused_with_the_fields_named_as_the_timeline_does()
    {
        var response = await _reader.GetAsync("/api/timeline/stats?kinds=parade&from=someday", TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "kinds[0]", "from");
    }
}
