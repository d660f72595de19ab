using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Exports;

[Collection(SharedExportsService.Name)]
public sealed class ChangesFeedTests(TimelineApp app) : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly HttpClient _client = app.CreateAnonymousClient();
    private readonly HttpClient _editor = app.CreateClient();
    private Given Given => new(_editor);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<XElement> FeedAsync(string query = "")
    {
        var response = await _client.GetUrlAsync("/api/feed.atom" + query);
        var text = await response.TextAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        var feed = XDocument.Parse(text).Root!;
        feed.Name.ShouldBe(Atom + "feed");
        return feed;
    }

    private static List<XElement> Entries(XElement feed) => feed.Elements(Atom + "entry").ToList();

    private static string Text(XElement element, string name) => element.Element(Atom + name)!.Value;

    private static DateTimeOffset Updated(XElement element) => DateTimeOffset.Parse(Text(element, "updated"), CultureInfo.InvariantCulture);

    [Fact]
    public async Task New_entries_corrections_and_retractions_come_newest_first_each_with_its_own_id_time_link_and_reason()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var first = await Given.VisitAsync(wei, "RU", "2018-04", "Wei Fenghe in Moscow");
        var second = await Given.JointStatementAsync(["CN", "RU"], "2018-04-03", title: "Joint statement on defence");
        await _editor.CorrectAsync(first.Id(), 1, new JsonObject { ["date"] = "2018-04-03/2018-04-06", ["city"] = "Moscow" }, "The ministry gives the days.");
        await _editor.RetractAsync(second.Id(), 1, "It was never signed.");

        var feed = await FeedAsync();

        var entries = Entries(feed);
        entries.Select(e => Text(e, "title")).ShouldBe([
            "Retracted: Joint statement on defence", "Corrected: Wei Fenghe in Moscow", "New: Joint statement on defence", "New: Wei Fenghe in Moscow"]);
        entries.Select(Updated).ShouldBe(entries.Select(Updated).OrderDescending(), "newest first");
        entries.Select(e => Text(e, "id")).ShouldAllBe(id => id.StartsWith("urn:uuid:", StringComparison.Ordinal));
        entries.Select(e => Text(e, "id")).Distinct().Count().ShouldBe(4, "one id per version of an entry");
        entries.Select(e => e.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value)
            .ShouldBe([$"http://localhost/api/entries/{second.Id()}", $"http://localhost/api/entries/{first.Id()}",
                $"http://localhost/api/entries/{second.Id()}", $"http://localhost/api/entries/{first.Id()}"]);
        Text(entries[0], "summary").ShouldBe("Retracted (version 2). Reason: It was never signed.");
        Text(entries[1], "summary").ShouldBe("Correction (version 2) of city, date, sources. Reason: The ministry gives the days.");
        Text(entries[3], "summary").ShouldStartWith("Visit, April 2018.");
        entries[0].Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldBe(TestKeys.Editor.Name);
        var recordedAt = DateTimeOffset.Parse(first.RecordedAt(), CultureInfo.InvariantCulture);
        Updated(entries[3]).ShouldBe(recordedAt.AddTicks(-(recordedAt.Ticks % TimeSpan.TicksPerSecond)), "Atom times, to the second");

        Text(feed, "id").ShouldStartWith("urn:uuid:");
        Text(feed, "title").ShouldNotBeNullOrWhiteSpace();
        Updated(feed).ShouldBe(Updated(entries[0]));
        feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value.ShouldBe("http://localhost/api/feed.atom");
        feed.Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldBe("SinoRussiaTimeline");
    }

    [Fact]
    public async Task An_entrys_id_in_the_feed_is_stable_from_one_reading_to_the_next()
    {
        var official = await Given.OfficialAsync("Wang Yi", "CN");
        await Given.VisitAsync(official, "RU", "2018-04-05");
        var before = Entries(await FeedAsync()).Select(e => Text(e, "id")).ShouldHaveSingleItem();

        await Given.VisitAsync(official, "RU", "2018-04-06");

        var after = Entries(await FeedAsync()).Select(e => Text(e, "id")).ToList();
        after.Count.ShouldBe(2);
        after[1].ShouldBe(before, "the first visit's item keeps its id behind the newer one");
    }

    [Fact]
    public async Task Markup_in_a_title_is_escaped_and_reads_back_as_text()
    {
        var official = await Given.OfficialAsync("Li Shangfu", "CN");
        await Given.VisitAsync(official, "RU", "2018-04-03", Nasty.Title, b => b["description"] = Nasty.Description);

        var entry = Entries(await FeedAsync()).ShouldHaveSingleItem();

        Text(entry, "title").ShouldBe("New: " + Nasty.Title);
        entry.Element(Atom + "title")!.Elements().ShouldBeEmpty("the title is text, not markup");
        Text(entry, "summary").ShouldEndWith(Nasty.Description.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_feed_is_bounded_by_limit_50_by_default_and_at_most_200()
    {
        var official = await Given.OfficialAsync("Xi Jinping", "CN");
        var dates = Enumerable.Range(0, 52).Select(i => new DateOnly(2018, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var batch in dates.Chunk(4)) await Task.WhenAll(batch.Select(d => Given.VisitAsync(official, "RU", d)));

        Entries(await FeedAsync()).Count.ShouldBe(50);
        Entries(await FeedAsync("?limit=3")).Count.ShouldBe(3);
        Entries(await FeedAsync("?limit=200")).Count.ShouldBe(52);
        await (await _client.GetUrlAsync("/api/feed.atom?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await _client.GetUrlAsync("/api/feed.atom?limit=201")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task An_empty_store_gives_a_valid_empty_feed()
    {
        var feed = await FeedAsync();

        Entries(feed).ShouldBeEmpty();
        Text(feed, "id").ShouldStartWith("urn:uuid:");
        Text(feed, "updated").ShouldNotBeNullOrWhiteSpace();
    }
}
