using System.Net;
using System.Net.Http.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>
/// An official's itinerary gathers visits from many entry streams, recorded in parallel and without any lock on the
/// official (it is computed when read, not rewritten by each visit): parallel visits must all appear in it, none lost.
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
