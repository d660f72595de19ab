using System.Net;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class ItineraryApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Fact]
    public async Task Visits_recorded_out_of_order_come_back_in_chronological_order()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var recorded = new Dictionary<string, string>();
        foreach (var (date, host) in new[] { ("2018-06-02/2018-06-03", "KZ"), ("2013", "RU"), ("2018-04-03", "BY"), ("2018-04", "RU"), ("2017-11-05", "VN"), ("2013-03-22", "TZ") })
            recorded[(await Given.VisitAsync(xi, host, date)).Id()] = date;

        var itinerary = await _client.GetOkJsonAsync($"/api/officials/{xi}/itinerary");

        itinerary.GetProperty("officialId").GetString().ShouldBe(xi);
        itinerary.GetProperty("visits").EnumerateArray().Select(v => recorded[v.Id()])
            .ShouldBe(["2013", "2013-03-22", "2017-11-05", "2018-04", "2018-04-03", "2018-06-02/2018-06-03"]);
    }

    [Fact]
    public async Task Visits_of_one_official_recorded_at_the_same_moment_all_reach_the_itinerary_in_order()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var dates = Enumerable.Range(1, 12).Select(day => $"2018-05-{13 - day:00}").ToArray();

        var responses = await Task.WhenAll(dates.Select(date => _client.PostJsonAsync("/api/visits", Bodies.Visit([wei], "RU", date))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var visits = (await _client.GetOkJsonAsync($"/api/officials/{wei}/itinerary")).GetProperty("visits").EnumerateArray()
            .Select(v => v.GetProperty("date").GetProperty("edtf").GetString()!).ToList();
        visits.ShouldBe(dates.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Each_visit_in_an_itinerary_has_its_place_dates_and_sources()
    {
        var wang = await Given.OfficialAsync("Wang Qishan", "CN");
        var visit = await Given.VisitAsync(wang, "RU", "2018-05", "Wang Qishan in Saint Petersburg", b => b["city"] = "Saint Petersburg");

        var item = (await _client.GetOkJsonAsync($"/api/officials/{wang}/itinerary")).GetProperty("visits").EnumerateArray().ShouldHaveSingleItem();

        item.Id().ShouldBe(visit.Id());
        item.GetProperty("place").GetProperty("country").GetString().ShouldBe("RU");
        item.GetProperty("place").GetProperty("city").GetString().ShouldBe("Saint Petersburg");
        item.GetProperty("date").GetProperty("earliest").GetString().ShouldBe("2018-05-01");
        item.GetProperty("date").GetProperty("latest").GetString().ShouldBe("2018-05-31");
        item.GetProperty("sources")[0].GetProperty("publisher").GetString().ShouldBe(visit.GetProperty("sources")[0].GetProperty("publisher").GetString());
    }

    [Fact]
    public async Task An_itinerary_holds_the_visits_the_official_made_not_those_they_hosted_or_others_made()
    {
        var putin = await Given.OfficialAsync("Vladimir Putin", "RU");
        var lavrov = await Given.OfficialAsync("Sergey Lavrov", "RU");
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var together = (await Given.VisitAsync([putin, lavrov], "CN", "2018-06-08")).Id();
        var alone = (await Given.VisitAsync(putin, "KZ", "2018-06-09")).Id();
        var hosted = (await Given.VisitAsync(xi, "RU", "2018-06-10", with: b => b["hostOfficialIds"] = Bodies.Array([putin]))).Id();
        var lavrovAlone = (await Given.VisitAsync(lavrov, "KP", "2018-05-31")).Id();

        (await _client.GetOkJsonAsync($"/api/officials/{putin}/itinerary")).GetProperty("visits").Ids().ShouldBe([together, alone]);
        (await _client.GetOkJsonAsync($"/api/officials/{lavrov}/itinerary")).GetProperty("visits").Ids().ShouldBe([lavrovAlone, together]);
        (await _client.GetOkJsonAsync($"/api/officials/{xi}/itinerary")).GetProperty("visits").Ids().ShouldBe([hosted]);
    }

    [Fact]
    public async Task An_official_without_visits_has_an_empty_itinerary()
    {
        var burmistrov = await Given.OfficialAsync("Oleg Burmistrov", "RU");

        (await _client.GetOkJsonAsync($"/api/officials/{burmistrov}/itinerary")).GetProperty("visits").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_itinerary_of_an_unknown_official_is_a_404_problem()
    {
        await (await _client.GetUrlAsync("/api/officials/nobody-known/itinerary")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_asOf_that_is_not_an_RFC_3339_instant_is_refused()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");

        await (await _client.GetUrlAsync($"/api/officials/{xi}/itinerary?asOf=2018-06-08")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "asOf");
    }
}
