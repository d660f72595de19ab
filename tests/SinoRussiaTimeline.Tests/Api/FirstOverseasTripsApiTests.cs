using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class FirstOverseasTripsApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Fact]
    public async Task A_month_precision_visit_and_a_day_inside_that_month_make_the_first_trip_ambiguous_with_both_as_candidates()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        await Given.OfficeAsync(wei, "Minister of National Defense", "2018-03-19");
        var day = (await Given.VisitAsync(wei, "KZ", "2018-04-10")).Id();
        var month = (await Given.VisitAsync(wei, "RU", "2018-04")).Id();

        var item = (await TripsOfAsync(wei)).ShouldHaveSingleItem();

        item.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        item.GetProperty("trip").ValueKind.ShouldBe(JsonValueKind.Null, "never silently pick one");
        item.GetProperty("candidates").Ids().ShouldBe([month, day]);
        item.GetProperty("office").GetProperty("title").GetString().ShouldBe("Minister of National Defense");
        item.GetProperty("rule").GetString().ShouldNotBeNullOrWhiteSpace();
        item.GetProperty("explanation").GetString()!.ShouldContain("2018-04");
    }

    [Fact]
    public async Task An_ambiguous_first_trip_is_listed_for_each_candidate_destination_across_officials()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "MN");
        await Given.OfficeAsync(wei, "Minister of Defence", "2018-03-19");
        await Given.VisitAsync(wei, "RU", "2018-04");
        await Given.VisitAsync(wei, "KZ", "2018-04-10");

        var toRussia = (await _client.GetOkJsonAsync("/api/first-overseas-trips?country=MN&destination=RU")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        var toKazakhstan = (await _client.GetOkJsonAsync("/api/first-overseas-trips?country=MN&destination=KZ")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        var toUs = (await _client.GetOkJsonAsync("/api/first-overseas-trips?country=MN&destination=US")).GetProperty("items");

        toRussia.GetProperty("official").Id().ShouldBe(wei);
        toRussia.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        toKazakhstan.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        toUs.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_later_recorded_earlier_dated_visit_becomes_the_first_trip()
    {
        var wang = await Given.OfficialAsync("Wang Qishan", "LA");
        await Given.OfficeAsync(wang, "Vice President", "2018-03-17");
        var may = (await Given.VisitAsync(wang, "RU", "2018-05-20")).Id();

        var before = (await TripsOfAsync(wang)).ShouldHaveSingleItem();
        before.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        before.GetProperty("trip").Id().ShouldBe(may);
        before.GetProperty("candidates").Ids().ShouldBe([may]);
        (await CrossOfficialsAsync("country=LA&destination=RU")).ShouldBe([wang]);

        var april = (await Given.VisitAsync(wang, "KZ", "2018-04-02")).Id();

        var after = (await TripsOfAsync(wang)).ShouldHaveSingleItem();
        after.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        after.GetProperty("trip").Id().ShouldBe(april);
        after.GetProperty("trip").GetProperty("place").GetProperty("country").GetString().ShouldBe("KZ");
        (await CrossOfficialsAsync("country=LA&destination=RU")).ShouldBeEmpty();
        (await CrossOfficialsAsync("country=LA&destination=KZ")).ShouldBe([wang]);
    }

    [Fact]
    public async Task A_visit_before_the_office_began_is_not_the_first_trip_in_that_office()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        await Given.OfficeAsync(wei, "Minister of National Defense", "2018-03-19");
        await Given.VisitAsync(wei, "RU", "2018-01-10");
        var inOffice = (await Given.VisitAsync(wei, "KZ", "2018-04-02")).Id();

        var item = (await TripsOfAsync(wei)).ShouldHaveSingleItem();

        item.GetProperty("trip").Id().ShouldBe(inOffice);
        item.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        item.GetProperty("withinTenure").GetString().ShouldBe("certain");
    }

    [Fact]
    public async Task A_visit_that_may_predate_the_office_makes_the_first_trip_ambiguous_between_it_and_the_next()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        await Given.OfficeAsync(wei, "Minister of National Defense", "2018-03");
        var maybeBefore = (await Given.VisitAsync(wei, "RU", "2018-03-10")).Id();
        var next = (await Given.VisitAsync(wei, "KZ", "2018-04-02")).Id();
        await Given.VisitAsync(wei, "BY", "2018-05-02");

        var item = (await TripsOfAsync(wei)).ShouldHaveSingleItem();

        item.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        item.GetProperty("trip").ValueKind.ShouldBe(JsonValueKind.Null);
        item.GetProperty("candidates").Ids().ShouldBe([maybeBefore, next]);
    }

    [Fact]
    public async Task The_only_visit_that_can_fall_within_the_tenure_is_the_first_trip_marked_as_possibly_within_it()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        await Given.OfficeAsync(xi, "President", "2013-03-14");
        var visit = (await Given.VisitAsync(xi, "RU", "2013")).Id();

        var item = (await TripsOfAsync(xi)).ShouldHaveSingleItem();

        item.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        item.GetProperty("trip").Id().ShouldBe(visit);
        item.GetProperty("withinTenure").GetString().ShouldBe("possible");
    }

    [Fact]
    public async Task Each_office_has_its_own_first_trip_within_its_tenure()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        await Given.OfficeAsync(xi, "Vice President", "2008-03-15", "2013-03-14");
        await Given.OfficeAsync(xi, "President", "2013-03-14");
        var asPresident = (await Given.VisitAsync(xi, "RU", "2013-03-22/2013-03-24")).Id();
        var asVicePresident = (await Given.VisitAsync(xi, "KP", "2008-06-17")).Id();
        await Given.VisitAsync(xi, "TZ", "2013-03-24");

        var items = await TripsOfAsync(xi);

        items.Select(i => (i.GetProperty("office").GetProperty("title").GetString(), i.GetProperty("trip").Id()))
            .ShouldBe([("Vice President", asVicePresident), ("President", asPresident)]);
    }

    [Fact]
    public async Task Offices_and_visits_recorded_at_the_same_moment_all_count_in_the_first_trips()
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN");
        var writes = new List<Task<HttpResponseMessage>>
        {
            _client.PostJsonAsync($"/api/officials/{xi}/offices", Bodies.Office("Vice President", "2008-03-15", "2013-03-14")),
            _client.PostJsonAsync($"/api/officials/{xi}/offices", Bodies.Office("President", "2013-03-14")),
        };
        writes.AddRange(new[] { "2008-06-17", "2009-12-14", "2013-03-22", "2013-06-07", "2014-02-06", "2010-11-20" }
            .Select(date => _client.PostJsonAsync("/api/visits", Bodies.Visit([xi], "RU", date))));

        (await Task.WhenAll(writes)).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);

        (await TripsOfAsync(xi)).Select(i => (i.GetProperty("office").GetProperty("title").GetString(), i.GetProperty("trip").GetProperty("date").GetProperty("edtf").GetString()))
            .ShouldBe([("Vice President", "2008-06-17"), ("President", "2013-03-22")], ignoreOrder: true);
        (await _client.GetOkJsonAsync($"/api/officials/{xi}/itinerary")).GetProperty("visits").GetArrayLength().ShouldBe(6);
    }

    [Fact]
    public async Task An_office_without_any_visit_abroad_has_no_trip_and_is_not_called_ambiguous()
    {
        var li = await Given.OfficialAsync("Li Shangfu", "CN");
        await Given.OfficeAsync(li, "Minister of National Defense", "2023-03-12", "2023-10-24");
        await Given.VisitAsync(li, "RU", "2023-11-01");

        var item = (await TripsOfAsync(li)).ShouldHaveSingleItem();

        item.GetProperty("trip").ValueKind.ShouldBe(JsonValueKind.Null);
        item.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        item.GetProperty("candidates").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Across_officials_the_first_trips_to_a_destination_come_in_the_order_of_the_trips()
    {
        var late = await Given.OfficialAsync("Wei Fenghe", "NP");
        await Given.OfficeAsync(late, "Minister of Defence", "2018-03-19");
        await Given.VisitAsync(late, "RU", "2018-04");
        var early = await Given.OfficialAsync("Xi Jinping", "NP");
        await Given.OfficeAsync(early, "President", "2013-03-14");
        await Given.VisitAsync(early, "RU", "2013");
        var elsewhere = await Given.OfficialAsync("Wang Yi", "NP");
        await Given.OfficeAsync(elsewhere, "Foreign Minister", "2013-03-16");
        await Given.VisitAsync(elsewhere, "TH", "2013-04-29");
        var russian = await Given.OfficialAsync("Sergei Shoigu", "RU");
        await Given.OfficeAsync(russian, "Minister of Defence", "2012-11-06");
        await Given.VisitAsync(russian, "CN", "2012-11-20");

        (await CrossOfficialsAsync("country=NP&destination=RU")).ShouldBe([early, late]);
        (await CrossOfficialsAsync("country=NP")).ShouldBe([early, elsewhere, late]);
        (await CrossOfficialsAsync("destination=CN")).ShouldContain(russian);
        (await CrossOfficialsAsync("destination=CN")).ShouldNotContain(early);
    }

    [Fact]
    public async Task The_first_trips_of_an_unknown_official_are_a_404_problem()
    {
        await (await _client.GetUrlAsync("/api/officials/nobody-known/first-overseas-trips")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("country=cn", "country")]
    [InlineData("destination=Russia", "destination")]
    public async Task A_bad_country_across_officials_is_a_400_naming_the_parameter(string query, string field)
    {
        await (await _client.GetUrlAsync("/api/first-overseas-trips?" + query)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    private async Task<List<JsonElement>> TripsOfAsync(string officialId) =>
        (await _client.GetOkJsonAsync($"/api/officials/{officialId}/first-overseas-trips")).GetProperty("items").EnumerateArray().ToList();

    private async Task<List<string>> CrossOfficialsAsync(string query) =>
        (await _client.GetOkJsonAsync("/api/first-overseas-trips?" + query)).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("official").Id()).ToList();
}
