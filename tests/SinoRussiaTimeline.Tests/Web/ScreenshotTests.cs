using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SinoRussiaTimeline.Tests.Web;

/// <summary>
/// The service with the real seed data (the China-US Focus article of 8 June 2018) and one correction of a seed entry
/// made through the API as an editor would: the content docs/journalists.md shows.
/// </summary>
public sealed class SeededBrowserFixture(TestDatabase database) : BrowserApp(database)
{
    protected override bool SeedOnStartup => true;

    /// <summary>Wang Qishan's trip to the St. Petersburg forum: the article gives only "two weeks ago" (May 2018).</summary>
    public static readonly string ForumVisit = EntryIds.FromSeedKey("2018-05-wang-qishan-st-petersburg").ToString();

    public const string CorrectionReason = "The St. Petersburg International Economic Forum of 2018, which the article says he attended, ran from 24 to 26 May.";

    // The correction sharpens the month to the forum's three days and cites the forum itself, the kind of correction an
    // editor makes when a second source dates what the first only approximated.
    protected override async Task RecordAsync(HttpClient editor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{ForumVisit}/corrections")
        {
            Content = JsonContent.Create(new
            {
                changes = new
                {
                    date = "2018-05-24/2018-05-26",
                    description = "On his first trip as China's new vice president, Wang Qishan attended the St. Petersburg International Economic Forum, addressed its audience and met President Vladimir Putin. The article (published 8 June 2018) dates the trip \"two weeks ago\"; the forum's own dates, 24 to 26 May 2018, bound it.",
                },
                reason = CorrectionReason,
                sources = new[]
                {
                    new { title = "St. Petersburg International Economic Forum 2018", publisher = "Roscongress Foundation", url = "https://forumspb.com/", language = "en" },
                },
            }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var response = await editor.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// The pictures in docs/journalists.md, taken from the seed data at a fixed size, so they show real entries and change
/// between runs only where the page shows when something was recorded. Each test also checks the content it pictures.
/// </summary>
public sealed class ScreenshotTests(SeededBrowserFixture app) : IClassFixture<SeededBrowserFixture>
{
    private const int PhoneWidth = 390, PhoneHeight = 844;

    [Fact]
    public async Task The_timeline_shows_the_articles_China_Russia_visits_at_their_true_precision_and_the_corrected_forum_dates()
    {
        foreach (var (width, height, shot) in new[] { (1280, 800, "timeline-desktop"), (PhoneWidth, PhoneHeight, "timeline-phone") })
        {
            var page = await app.NewPageAsync(width, height);
            await page.OpenAsync("/");
            (await page.Locator("#results .year-heading").AllInnerTextsAsync()).ShouldBe(["2013", "2018"]);
            (await page.Locator("#results .entry-date").AllInnerTextsAsync()).ShouldBe(["2013", "April 2018", "April 2018", "24–26 May 2018"]);
            await Expect(page.Locator("#results .entry-title").First).ToHaveTextAsync("Xi Jinping makes Russia the destination of his first overseas visit as president");
            await Expect(page.Locator("#results .badge-corrected")).ToHaveCountAsync(1);
            await page.ScreenshotAsync(shot);
        }
    }

    [Fact]
    public async Task The_corrected_forum_visit_shows_May_2018_as_first_reported_beside_the_forums_dates_with_the_reason()
    {
        foreach (var (width, height, shot) in new[] { (1280, 800, "entry-desktop"), (PhoneWidth, PhoneHeight, "entry-phone") })
        {
            var page = await app.NewPageAsync(width, height);
            await page.OpenAsync($"/entries/{SeededBrowserFixture.ForumVisit}");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Wang Qishan attends the St. Petersburg International Economic Forum and meets Vladimir Putin");
            await Expect(page.Locator("#first-reported + dl .entry-date")).ToHaveTextAsync("May 2018");
            await Expect(page.Locator("#as-corrected + dl .entry-date")).ToHaveTextAsync("24–26 May 2018");
            await Expect(page.Locator(".events .event").Nth(1)).ToContainTextAsync($"Reason: {SeededBrowserFixture.CorrectionReason}");
            await page.ScreenshotAsync(shot);
            // The history is below the fold: its own picture shows the two versions side by side and the change table.
            if (shot == "entry-desktop") await page.Locator("section.history").ScreenshotAsync("entry-history-desktop");
        }
    }

    [Fact]
    public async Task Wei_Fenghes_page_names_Moscow_in_April_2018_as_his_first_trip_as_defence_minister()
    {
        foreach (var (width, height, shot) in new[] { (1280, 800, "official-desktop"), (PhoneWidth, PhoneHeight, "official-phone") })
        {
            var page = await app.NewPageAsync(width, height);
            await page.OpenAsync("/officials/wei-fenghe");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Wei Fenghe");
            var finding = page.Locator(".finding");
            await Expect(finding.Locator("h3")).ToHaveTextAsync("Minister of National Defense of the People's Republic of China");
            await Expect(finding).ToContainTextAsync("Wei Fenghe visits Moscow on his first official foreign trip");
            await Expect(finding).Not.ToContainTextAsync("Ambiguous");
            await page.ScreenshotAsync(shot);
        }
    }
}
