using System.Globalization;
using System.Net;
using System.Text.Json;
using Marten;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>Every test starts from an empty store, so a list can be compared with exactly what was recorded.</summary>
public sealed class TimelineApiTests(TimelineApp app) : IClassFixture<TimelineApp>, IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Recorded in this order; several share a date, "2018-04" must come before the days inside it, "2018" before its months.
    private static readonly string[] PagingDates =
    [
        "2018-04-10", "2018-04", "2018-04-01", "2018", "2018-04-10", "2017-12-31", "2018-04-10", "2018-03-31",
        "2018-04-01/2018-04-08", "2018-05", "2019-01-01", "2018-04-30", "2018-04-10", "2016", "2018-06-02/2018-06-03",
        "2018-04-02", "2018-01", "2018-04-01", "2018-11-27/..", "2017-12", "2018-05-01", "2013", "2018-04-10",
    ];

    [Fact]
    public async Task Paging_23_entries_five_at_a_time_serves_the_full_chronological_list_exactly_in_both_orders()
    {
        var recorded = await RecordMixedEntriesAsync(PagingDates);
        var expected = Chronological(recorded);

        var full = await _client.GetOkJsonAsync("/api/timeline?limit=500");
        full.ItemIds().ShouldBe(expected.Select(e => e.Id).ToList(), "the whole list in one page");
        full.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);

        var ascending = await PageThroughAsync("/api/timeline?limit=5");
        ascending.Ids.ShouldBe(expected.Select(e => e.Id).ToList());
        ascending.PageSizes.ShouldBe([5, 5, 5, 5, 3]);

        var descending = await PageThroughAsync("/api/timeline?limit=5&order=desc");
        descending.Ids.ShouldBe(expected.Select(e => e.Id).Reverse().ToList());
        descending.PageSizes.ShouldBe([5, 5, 5, 5, 3]);
    }

    [Fact]
    public async Task A_month_sorts_before_the_days_inside_it_and_entries_on_one_day_keep_the_order_they_were_recorded_in()
    {
        var recorded = await RecordMixedEntriesAsync(PagingDates);

        var served = (await _client.GetOkJsonAsync("/api/timeline?from=2018-04&to=2018-04&limit=500")).GetProperty("items").EnumerateArray()
            .Select(e => (Id: e.Id(), Date: e.GetProperty("date").GetProperty("edtf").GetString()!)).ToList();

        var april = served.FindIndex(e => e.Date == "2018-04");
        served.FindIndex(e => e.Date == "2018").ShouldBe(0, "the year may hold April, and is less precise still");
        april.ShouldBe(1);
        served.Skip(april + 1).ShouldAllBe(e => e.Date.StartsWith("2018-04-", StringComparison.Ordinal) && e.Date != "2018-04");
        var tenth = served.Where(e => e.Date == "2018-04-10").Select(e => e.Id).ToList();
        tenth.ShouldBe(recorded.Where(r => r.Date == "2018-04-10").Select(r => r.Id).ToList(), "same day: the order recorded");
    }

    [Fact]
    public async Task An_entry_recorded_between_two_page_requests_makes_the_next_page_neither_repeat_nor_skip()
    {
        var official = await Given.OfficialAsync("Wang Yi", "CN");
        var recorded = new List<string>();
        foreach (var date in new[] { "2018-01-10", "2018-02-10", "2018-03-10", "2018-04-10", "2018-05-10", "2018-06-10" })
            recorded.Add((await Given.VisitAsync(official, "RU", date)).Id());

        var first = await _client.GetOkJsonAsync("/api/timeline?limit=3");
        var earlier = (await Given.VisitAsync(official, "RU", "2017-12-01")).Id();
        var later = (await Given.VisitAsync(official, "RU", "2018-04-10")).Id();
        var second = await _client.GetOkJsonAsync("/api/timeline?limit=500&cursor=" + first.GetProperty("nextCursor").GetString());

        first.ItemIds().ShouldBe(recorded[..3]);
        second.ItemIds().ShouldBe([recorded[3], later, recorded[4], recorded[5]]);
        second.ItemIds().ShouldNotContain(earlier);
    }

    [Fact]
    public async Task A_timeline_item_carries_what_the_contract_promises()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var visit = await Given.VisitAsync(wei, "RU", "2018-04~", "Wei Fenghe in Moscow", b => b["city"] = "Moscow");

        var item = (await _client.GetOkJsonAsync("/api/timeline")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();

        JsonElement.DeepEquals(item, visit).ShouldBeTrue("the timeline item is the entry as it stands");
        item.GetProperty("kind").GetString().ShouldBe("visit");
        item.GetProperty("date").GetProperty("edtf").GetString().ShouldBe("2018-04~");
        item.GetProperty("date").GetProperty("earliest").GetString().ShouldBe("2018-04-01");
        item.GetProperty("date").GetProperty("latest").GetString().ShouldBe("2018-04-30");
        item.GetProperty("date").GetProperty("qualifier").GetString().ShouldBe("approximate");
        item.GetProperty("title").GetString().ShouldBe("Wei Fenghe in Moscow");
        item.GetProperty("officials")[0].GetProperty("name").GetString().ShouldBe("Wei Fenghe");
        item.GetProperty("officials")[0].GetProperty("role").GetString().ShouldBe("visitor");
        item.GetProperty("place").GetProperty("city").GetString().ShouldBe("Moscow");
        item.GetProperty("sources").GetArrayLength().ShouldBe(1);
        item.GetProperty("status").GetString().ShouldBe("active");
        item.GetProperty("version").GetInt64().ShouldBe(1);
        item.TryGetProperty("recordedAt", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_countries_filter_keeps_the_entries_involving_all_the_listed_countries()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var cnRu = (await Given.VisitAsync(xi, "RU", "2018-01-01")).Id();
        var cnBy = (await Given.VisitAsync(xi, "BY", "2018-01-02")).Id();
        var ruCn = (await Given.ArmsDeliveryAsync("RU", "CN", "2018-01-03")).Id();
        var ruIn = (await Given.ArmsDeliveryAsync("RU", "IN", "2018-01-04")).Id();
        var cnRuBy = (await Given.JointStatementAsync(["CN", "RU", "BY"], "2018-01-05")).Id();
        var byRu = (await Given.JointStatementAsync(["BY", "RU"], "2018-01-06")).Id();

        (await IdsAsync("countries=CN,RU")).ShouldBe([cnRu, ruCn, cnRuBy]);
        (await IdsAsync("countries=RU,CN")).ShouldBe([cnRu, ruCn, cnRuBy]);
        (await IdsAsync("countries=CN")).ShouldBe([cnRu, cnBy, ruCn, cnRuBy]);
        (await IdsAsync("countries=RU,BY")).ShouldBe([cnRuBy, byRu]);
        (await IdsAsync("countries=CN,RU,BY")).ShouldBe([cnRuBy]);
        (await IdsAsync("countries=IN")).ShouldBe([ruIn]);
        (await IdsAsync("countries=US")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_period_filter_keeps_every_entry_that_may_have_occurred_within_it_bounds_included()
    {
        var official = await Given.OfficialAsync("Li Shangfu", "CN");
        var entries = new Dictionary<string, string>();
        foreach (var (label, date) in new[]
                 {
                     ("31 March", "2018-03-31"), ("month", "2018-04"), ("15th", "2018-04-15"), ("straddling span", "2018-03-25/2018-04-02"),
                     ("1 May", "2018-05-01"), ("year", "2018"), ("open end", "2017-12-30/.."), ("30th", "2018-04-30"), ("2017", "2017"),
                     ("span into May", "2018-04-30/2018-05-02"), ("2015", "2015-06"),
                 })
            entries[(await Given.VisitAsync(official, "RU", date)).Id()] = label;
        string[] cases =
        [
            "from=2018-04&to=2018-04: year, month, straddling span, open end, 15th, 30th, span into May",
            "from=2018-04-30&to=2018-04-30: year, month, open end, 30th, span into May",
            "from=2018-04-15: year, month, open end, 15th, 30th, span into May, 1 May",
            "from=2018-05: year, open end, span into May, 1 May",
            "to=2018-03-31: 2015, 2017, year, open end, straddling span, 31 March",
            "to=2018-04-01: 2015, 2017, year, open end, straddling span, 31 March, month",
            "from=2016&to=2017: 2017, open end",
            "from=2018-04-01/2018-04-03: year, month, straddling span, open end, 15th, 30th, span into May, 1 May",
            "from=2019: open end",
        ];

        var found = new List<string>();
        foreach (var query in cases.Select(c => c.Split(": ")[0]))
            found.Add($"{query}: {string.Join(", ", (await IdsAsync(query)).Select(id => entries[id]).Order(StringComparer.Ordinal))}");

        found.ShouldBe(cases.Select(c => $"{c.Split(": ")[0]}: {string.Join(", ", c.Split(": ")[1].Split(", ").Order(StringComparer.Ordinal))}").ToList());
    }

    [Fact]
    public async Task The_kinds_filter_keeps_only_the_listed_kinds()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var visit = (await Given.VisitAsync(xi, "RU", "2018-01-01")).Id();
        var delivery = (await Given.ArmsDeliveryAsync("RU", "CN", "2018-01-02")).Id();
        var statement = (await Given.JointStatementAsync(["CN", "RU"], "2018-01-03")).Id();

        (await IdsAsync("kinds=visit")).ShouldBe([visit]);
        (await IdsAsync("kinds=armsDelivery")).ShouldBe([delivery]);
        (await IdsAsync("kinds=jointStatement,visit")).ShouldBe([visit, statement]);
        (await IdsAsync("kinds=visit,armsDelivery,jointStatement")).ShouldBe([visit, delivery, statement]);
    }

    [Fact]
    public async Task The_official_filter_keeps_entries_naming_the_official_as_visitor_host_or_signatory()
    {
        var putin = await Given.OfficialAsync("Vladimir Putin", "RU");
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var wang = await Given.OfficialAsync("Wang Yi", "CN");
        var visited = (await Given.VisitAsync(putin, "CN", "2018-06-08")).Id();
        var hosted = (await Given.VisitAsync(xi, "RU", "2018-07-01", with: b => b["hostOfficialIds"] = Bodies.Array([putin]))).Id();
        var signed = (await Given.JointStatementAsync(["CN", "RU"], "2018-07-02", [xi, putin])).Id();
        await Given.VisitAsync(wang, "RU", "2018-07-03");
        await Given.ArmsDeliveryAsync("RU", "CN", "2018-07-04");

        (await IdsAsync($"officialId={putin}")).ShouldBe([visited, hosted, signed]);
        (await IdsAsync($"officialId={xi}")).ShouldBe([hosted, signed]);
        (await IdsAsync("officialId=nobody-recorded")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Text_search_finds_words_of_an_entry_or_the_names_of_its_officials_ignoring_case_and_diacritics()
    {
        var shoigu = await Given.OfficialAsync("Sergei Shoigu", "RU", "谢尔盖·绍伊古", "Сергей Шойгу", "Shoygu");
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var labels = new Dictionary<string, string>
        {
            [(await Given.VisitAsync(wei, "RU", "2018-09-11", "Talks", b => b["city"] = "Vladivostok")).Id()] = "in Vladivostok",
            [(await Given.VisitAsync(wei, "RU", "2018-09-12", "Eastern Economic Forum")).Id()] = "titled Eastern Economic Forum",
            [(await Given.VisitAsync(wei, "BY", "2018-09-13", "Talks at the Café Minsk")).Id()] = "titled Café",
            [(await Given.VisitAsync(wei, "RU", "2018-09-14", "Exercise", b => b["description"] = "Joint patrol in the Sea of Japan")).Id()] = "described at sea",
            [(await Given.ArmsDeliveryAsync("RU", "CN", "2018-09-15", b => b["system"] = "S-400 Triumf")).Id()] = "S-400 Triumf",
            [(await Given.VisitAsync(wei, "RU", "2018-09-16", "Talks", b => b["hostOfficialIds"] = Bodies.Array([shoigu]))).Id()] = "hosted by Shoigu",
            [(await Given.VisitAsync(wei, "RU", "2018-09-17", "Talks", b => b["tags"] = Bodies.Array(["naval drill"]))).Id()] = "tagged naval drill",
        };
        string[] cases =
        [
            "vladivostok: in Vladivostok", "EASTERN ECONOMIC: titled Eastern Economic Forum", "cafe: titled Café", "CAFÉ: titled Café",
            "sea of japan: described at sea", "triumf: S-400 Triumf", "Шойгу: hosted by Shoigu", "shoygu: hosted by Shoigu",
            "SHOÏGU: hosted by Shoigu", "绍伊古: hosted by Shoigu", "naval drill: tagged naval drill", "Pyongyang: ",
        ];

        var found = new List<string>();
        foreach (var q in cases.Select(c => c.Split(": ")[0]))
            found.Add($"{q}:{string.Concat((await IdsAsync("q=" + Uri.EscapeDataString(q))).Select(id => " " + labels[id]))}");

        found.ShouldBe(cases.Select(c => c.TrimEnd()).ToList());
    }

    [Fact]
    public async Task Text_search_finds_the_entries_of_every_official_whose_name_holds_it_however_many_there_are()
    {
        // More officials than the service once passed on (it looked up at most 100 names first, and silently missed the
        // entries of the rest); the visits' own words do not hold the name, so each is found through its official alone.
        var visits = new List<string>();
        for (var i = 1; i <= 105; i++)
        {
            var official = await Given.OfficialAsync($"Lin Yuxiang {i}", "CN");
            visits.Add((await Given.VisitAsync(official, "RU", $"2019-{1 + i % 12:00}-{1 + i % 28:00}", "Talks")).Id());
        }
        await Given.VisitAsync(await Given.OfficialAsync("Lin Yuhang", "CN"), "RU", "2019-06-01", "Talks");

        (await IdsAsync("q=yuxiang")).ShouldBe(visits, ignoreOrder: true);
        (await IdsAsync("q=" + Uri.EscapeDataString("YÚXIANG 10"))).Count.ShouldBe(7, "Lin Yuxiang 10 and 100 to 105");
    }

    [Fact]
    public async Task Percent_and_underscore_in_text_search_match_only_themselves()
    {
        var labels = new Dictionary<string, string>
        {
            [(await Given.JointStatementAsync(["CN", "RU"], "2018-01-01", title: "Trade in national currencies to reach 25% by 2020")).Id()] = "25 per cent",
            [(await Given.JointStatementAsync(["CN", "RU"], "2018-01-02", title: "Trade to reach 250 billion by 2024")).Id()] = "250",
            [(await Given.JointStatementAsync(["CN", "RU"], "2018-01-03", title: "Exercise snow_leopard")).Id()] = "underscore",
            [(await Given.JointStatementAsync(["CN", "RU"], "2018-01-04", title: "Exercise snowXleopard, seas and deserts")).Id()] = "no underscore",
        };
        string[] cases = ["25%: 25 per cent", "%: 25 per cent", "snow_leopard: underscore", "_: underscore", "2_0:", "s%d:", "250: 250"];

        var found = new List<string>();
        foreach (var q in cases.Select(c => c.Split(':')[0]))
            found.Add($"{q}:{string.Concat((await IdsAsync("q=" + Uri.EscapeDataString(q))).Select(id => " " + labels[id]))}");

        found.ShouldBe(cases);
    }

    [Fact]
    public async Task Retracted_entries_are_hidden_unless_includeRetracted_is_true_and_then_flagged()
    {
        var kept = (await Given.JointStatementAsync(["CN", "RU"], "2018-01-01")).Id();
        var retracted = (await Given.JointStatementAsync(["CN", "RU"], "2018-01-02")).Id();
        using var retraction = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{retracted}/retraction")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { reason = "Never signed." }),
        };
        retraction.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        (await _client.SendAsync(retraction, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);

        (await IdsAsync("")).ShouldBe([kept]);
        (await IdsAsync("includeRetracted=false")).ShouldBe([kept]);
        var all = await _client.GetOkJsonAsync("/api/timeline?includeRetracted=true");
        all.ItemIds().ShouldBe([kept, retracted]);
        all.GetProperty("items")[1].GetProperty("status").GetString().ShouldBe("retracted");
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_50_entries()
    {
        var dates = Enumerable.Range(0, 51).Select(i => new DateOnly(2018, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        var recorded = new List<string>();
        foreach (var date in dates) recorded.Add((await Given.JointStatementAsync(["CN", "RU"], date)).Id());

        var first = await _client.GetOkJsonAsync("/api/timeline");
        var rest = await _client.GetOkJsonAsync("/api/timeline?cursor=" + first.GetProperty("nextCursor").GetString());

        first.ItemIds().ShouldBe(recorded[..50]);
        rest.ItemIds().ShouldBe([recorded[50]]);
        rest.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("countries=CN,ru", "countries")]
    [InlineData("countries=CN,SU", "countries")]
    [InlineData("from=2018-02-30", "from")]
    [InlineData("to=April", "to")]
    [InlineData("from=2018-05&to=2018-04", "to")]
    [InlineData("kinds=visits", "kinds")]
    [InlineData("officialId=Xi%20Jinping", "officialId")]
    [InlineData("order=newest", "order")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("includeRetracted=maybe", "includeRetracted")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("asOf=2018-06-08", "asOf")]
    public async Task A_bad_timeline_query_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var response = await _client.GetUrlAsync("/api/timeline?" + query);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        // A bad item of a list is named with its index, as in countries[1].
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.Split('[')[0]).ShouldBe([parameter]);
    }

    private async Task<List<string>> IdsAsync(string query) =>
        (await _client.GetOkJsonAsync("/api/timeline?limit=500&" + query)).ItemIds();

    private async Task<(List<string> Ids, List<int> PageSizes)> PageThroughAsync(string url)
    {
        var ids = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await _client.GetOkJsonAsync(url + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            ids.AddRange(page.ItemIds());
            sizes.Add(page.GetProperty("items").GetArrayLength());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null && sizes.Count < 50);
        ids.Distinct().Count().ShouldBe(ids.Count, "an entry was served twice");
        return (ids, sizes);
    }

    private sealed record Recorded(string Id, string Date, int Order);

    /// <summary>Visits, arms deliveries and joint statements in turn, all involving China and Russia, in the order given.</summary>
    private async Task<List<Recorded>> RecordMixedEntriesAsync(string[] dates)
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var recorded = new List<Recorded>();
        for (var i = 0; i < dates.Length; i++)
        {
            var entry = (i % 3) switch
            {
                0 => await Given.VisitAsync(xi, "RU", dates[i]),
                1 => await Given.ArmsDeliveryAsync("RU", "CN", dates[i], b => b.Remove("contract")),
                _ => await Given.JointStatementAsync(["CN", "RU"], dates[i]),
            };
            recorded.Add(new Recorded(entry.Id(), dates[i], i));
        }
        return recorded;
    }

    /// <summary>
    /// The domain's order, computed here independently of the service: earliest possible start; then the later latest
    /// start first (so a month comes before the days inside it); then the order recorded.
    /// </summary>
    private static List<Recorded> Chronological(IEnumerable<Recorded> entries) =>
        entries.OrderBy(e => Bounds(e.Date).EarliestStart).ThenByDescending(e => Bounds(e.Date).LatestStart).ThenBy(e => e.Order).ToList();

    private static (DateOnly EarliestStart, DateOnly LatestStart) Bounds(string edtf)
    {
        var parts = edtf.Split('/');
        var (startEarliest, startLatest) = Point(parts[0]);
        if (parts.Length == 1 || parts[1] == "..") return (startEarliest, startLatest);
        var (_, endLatest) = Point(parts[1]);
        return (startEarliest, endLatest < startLatest ? endLatest : startLatest);
    }

    private static (DateOnly First, DateOnly Last) Point(string text)
    {
        var n = text.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return n.Length switch
        {
            1 => (new DateOnly(n[0], 1, 1), new DateOnly(n[0], 12, 31)),
            2 => (new DateOnly(n[0], n[1], 1), new DateOnly(n[0], n[1], DateTime.DaysInMonth(n[0], n[1]))),
            _ => (new DateOnly(n[0], n[1], n[2]), new DateOnly(n[0], n[1], n[2])),
        };
    }
}
