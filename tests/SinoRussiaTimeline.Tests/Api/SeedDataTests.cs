using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class SeedDataTests(SeededTimelineApp app) : IClassFixture<SeededTimelineApp>
{
    [Fact]
    public async Task Chinese_officials_whose_first_trip_in_office_was_to_Russia_are_Xi_Wei_and_Wang_Qishan_in_date_order()
    {
        var client = app.CreateClient();
        var response = await client.GetAsync("/api/first-overseas-trips?country=CN&destination=RU", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        items.Select(i => i.GetProperty("official").GetProperty("id").GetString())
            .ShouldBe(["xi-jinping", "wei-fenghe", "wang-qishan"]);
        items.Select(i => i.GetProperty("trip").GetProperty("date").GetProperty("edtf").GetString())
            .ShouldBe(["2013", "2018-04", "2018-05"]);
        foreach (var item in items)
        {
            item.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
            var trip = item.GetProperty("trip");
            trip.GetProperty("place").GetProperty("country").GetString().ShouldBe("RU");
            trip.GetProperty("sources")[0].GetProperty("publisher").GetString().ShouldBe("China-US Focus");
            item.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetString())
                .ShouldBe([trip.GetProperty("id").GetString()]);
        }
    }

    [Fact]
    public async Task Loading_the_seed_file_again_adds_nothing()
    {
        var before = await app.EventCountAsync();
        var loader = (SinoRussiaTimeline.Seeding.SeedLoader)app.Services.GetService(typeof(SinoRussiaTimeline.Seeding.SeedLoader))!;

        var report = await loader.LoadAsync(SinoRussiaTimeline.Seeding.SeedLoader.DefaultFile, TestContext.Current.CancellationToken);

        report.Added.ShouldBe(0);
        report.AlreadyPresent.ShouldBeGreaterThan(0);
        (await app.EventCountAsync()).ShouldBe(before);
    }
}
