using System.Net;
using System.Net.Http.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>
/// Views that gather several streams (an official's itinerary) are rewritten by every visit of that official: parallel
/// visits must all land in them, none overwritten by another.
/// </summary>
public sealed class ConcurrentWritesTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    [Fact]
    public async Task Parallel_visits_by_one_official_all_appear_in_the_itinerary_and_first_trip_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/officials", new { id = "li-keqiang", names = new { en = "Li Keqiang" }, country = "CN" }, ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/officials/li-keqiang/offices", new { title = "Premier", from = "2013-03-15" }, ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var days = Enumerable.Range(1, 16).ToList();
        var responses = await Task.WhenAll(days.Select(day => app.CreateClient().PostAsJsonAsync("/api/visits", new
        {
            officialIds = new[] { "li-keqiang" },
            hostCountry = "RU",
            date = $"2014-05-{day:00}",
            title = $"Visit {day}",
            sources = new[] { new { title = "Report", publisher = "Wire" } },
        }, ct)));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var itinerary = await (await client.GetAsync("/api/officials/li-keqiang/itinerary", ct)).ReadJsonAsync();
        itinerary.GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("title").GetString())
            .ShouldBe(days.Select(d => $"Visit {d}"));
        var firstTrips = await (await client.GetAsync("/api/officials/li-keqiang/first-overseas-trips", ct)).ReadJsonAsync();
        firstTrips.GetProperty("items")[0].GetProperty("trip").GetProperty("title").GetString().ShouldBe("Visit 1");
    }
}
