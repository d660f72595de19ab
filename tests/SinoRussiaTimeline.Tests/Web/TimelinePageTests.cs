using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using CsvHelper;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SinoRussiaTimeline.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SinoRussiaTimeline.Tests.Web;

/// <summary>The journalists' page in Debian's Chromium against the real service: what a reader sees, clicks and downloads.</summary>
public sealed class TimelinePageTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private PageScenario Scenario => app.Scenario;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_lists_the_China_Russia_entries_by_year_with_each_date_at_its_true_precision()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Timeline: CN–RU");
        (await page.Locator("#results .year-heading").AllInnerTextsAsync()).ShouldBe(["2013", "2018", "2019", "2020", "2021"]);
        await Expect(page.Entry(PageScenario.MonthVisitTitle).Locator(".entry-date")).ToHaveTextAsync("April 2018");
        await Expect(page.Entry(PageScenario.RangeVisitTitle).Locator(".entry-date")).ToHaveTextAsync("1–8 April 2018");
        await Expect(page.Entry(PageScenario.ApproximateVisitTitle).Locator(".entry-date")).ToHaveTextAsync("c. 2013");
        await Expect(page.Entry(PageScenario.DeliveryTitle).Locator(".entry-date")).ToHaveTextAsync("2019?");
        await Expect(page.Entry(PageScenario.StatementTitle).Locator(".entry-date")).ToHaveTextAsync("5 June 2019");
        (await page.ListedTitlesAsync()).ShouldNotContain(PageScenario.IndiaVisitTitle);

        var visit = page.Entry(PageScenario.MonthVisitTitle);
        await Expect(visit).ToContainTextAsync("Visit");
        await Expect(visit.Locator("[lang=zh]").First).ToHaveTextAsync("魏凤和");
        await Expect(visit.Locator("[lang=ru]").Last).ToHaveTextAsync("Сергей Шойгу");
        await Expect(visit.Locator(".source-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://news.example.org/"));
        await Expect(visit.Locator(".source-meta")).ToContainTextAsync("published 8 June 2018");
        await Expect(page.Entry(PageScenario.CorrectedTitle).Locator(".badge-corrected")).ToHaveTextAsync("Corrected");
    }

    [Fact]
    public async Task Filters_go_into_the_url_and_opening_that_url_again_shows_the_same_entries()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");
        var everything = await page.ListedTitlesAsync();

        await page.Field("Arms deliveries").UncheckAsync();
        await page.Field("Joint statements").UncheckAsync();
        await page.Field("From").FillAsync("2018");
        await page.Field("To").FillAsync("2018-12");
        await page.Field("Text").FillAsync("moscow");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await page.WaitUntilRenderedAsync();

        var url = new Uri(page.Url);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        (query["kinds"], query["from"], query["to"], query["q"]).ShouldBe(("visit", "2018", "2018-12", "moscow"));
        (await page.ListedTitlesAsync()).ShouldBe([PageScenario.MonthVisitTitle]);

        var reopened = await app.NewPageAsync();
        await reopened.OpenAsync(url.PathAndQuery);
        (await reopened.ListedTitlesAsync()).ShouldBe([PageScenario.MonthVisitTitle]);
        await Expect(reopened.Field("Text")).ToHaveValueAsync("moscow");
        await Expect(reopened.Field("Arms deliveries")).Not.ToBeCheckedAsync();

        await page.GoBackAsync();
        await page.WaitUntilRenderedAsync();
        (await page.ListedTitlesAsync()).ShouldBe(everything);
    }

    [Fact]
    public async Task Another_pair_of_countries_shows_that_pair_and_more_entries_load_a_page_at_a_time()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");
        await page.Field("Second country").FillAsync("IN");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        (await page.ListedTitlesAsync()).ShouldBe([PageScenario.IndiaVisitTitle]);
        new Uri(page.Url).Query.ShouldContain("countries=CN%2CIN");

        await page.OpenAsync("/?countries=RU,VN");
        await Expect(page.Locator("#results .entry")).ToHaveCountAsync(50);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Load more entries" }).ClickAsync();
        await Expect(page.Locator("#results .entry")).ToHaveCountAsync(Scenario.VietnamDeliveries);
        await Expect(page.Locator("#load-more")).ToBeHiddenAsync();
        await Expect(page.Locator("#results-status")).ToHaveTextAsync($"{Scenario.VietnamDeliveries} entries shown.");
    }

    [Fact]
    public async Task Following_links_opens_the_entry_page_and_the_officials_page_under_their_own_urls()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = PageScenario.MonthVisitTitle, Exact = true }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe($"/entries/{Scenario.MonthVisit}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(PageScenario.MonthVisitTitle);
        await Expect(page.Locator(".history")).ToContainTextAsync("Unchanged since it was first recorded.");

        await page.Locator("article.entry-page").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Wei Fenghe" }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe($"/officials/{Scenario.ChineseMinister}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Wei Fenghe");
        await Expect(page.Locator(".names")).ToContainTextAsync("魏凤和");
        var finding = page.Locator(".finding");
        await Expect(finding.Locator("h3")).ToHaveTextAsync("Minister of National Defense");
        // The earliest visit abroad in the tenure: April 2018 and 1-8 April 2018 cannot be ordered, so the answer is honest.
        await Expect(finding).ToContainTextAsync("Ambiguous");
        await Expect(finding.Locator(".candidates li")).ToHaveCountAsync(2);
        var itinerary = await page.Locator(".itinerary .entry-title").AllInnerTextsAsync();
        itinerary.Count.ShouldBe(6);
        itinerary[0].ShouldBe(PageScenario.ApproximateVisitTitle);

        // A deep link opens the same view on its own, and the back button returns through the views.
        var direct = await app.NewPageAsync();
        await direct.OpenAsync($"/entries/{Scenario.RangeVisit}");
        await Expect(direct.Locator("h1")).ToHaveTextAsync(PageScenario.RangeVisitTitle);
        await page.GoBackAsync();
        await page.WaitUntilRenderedAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(PageScenario.MonthVisitTitle);
    }

    [Fact]
    public async Task A_corrected_entry_shows_what_was_first_reported_beside_the_correction_and_who_recorded_each()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync($"/entries/{Scenario.CorrectedVisit}");

        await Expect(page.Locator("h1")).ToHaveTextAsync(PageScenario.CorrectedTitle);
        await Expect(page.Locator("#first-reported + dl .version-title")).ToHaveTextAsync(PageScenario.FirstReportedTitle);
        await Expect(page.Locator("#as-corrected + dl .version-title")).ToHaveTextAsync(PageScenario.CorrectedTitle);
        var events = page.Locator(".events .event");
        await Expect(events).ToHaveCountAsync(2);
        await Expect(events.Nth(0)).ToContainTextAsync($"Recorded on");
        await Expect(events.Nth(0).Locator(".recorded-by")).ToHaveTextAsync(TestKeys.Editor.Name);
        await Expect(events.Nth(1)).ToContainTextAsync("Reason: The ministry's readout names Khabarovsk.");
        var titleChange = events.Nth(1).Locator(".changes tr").Filter(new LocatorFilterOptions { HasText = "title" });
        await Expect(titleChange.Locator("td").Nth(0)).ToHaveTextAsync(PageScenario.FirstReportedTitle);
        await Expect(titleChange.Locator("td").Nth(1)).ToHaveTextAsync(PageScenario.CorrectedTitle);
    }

    [Fact]
    public async Task A_retracted_entry_is_left_out_until_asked_for_and_then_marked_with_its_reason_on_its_page()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");
        (await page.ListedTitlesAsync()).ShouldNotContain(PageScenario.RetractedTitle);

        await page.Field("Include retracted entries").CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        new Uri(page.Url).Query.ShouldContain("includeRetracted=true");
        await Expect(page.Entry(PageScenario.RetractedTitle).Locator(".badge-retracted")).ToHaveTextAsync("Retracted");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = PageScenario.RetractedTitle, Exact = true }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        await Expect(page.Locator("article.entry-page .badge-retracted")).ToBeVisibleAsync();
        await Expect(page.Locator("#as-corrected")).ToHaveTextAsync("As retracted");
        await Expect(page.Locator(".events .event").Last).ToContainTextAsync($"Reason: {PageScenario.RetractionReason}");
    }

    [Fact]
    public async Task A_filter_the_service_refuses_is_explained_on_the_page_naming_the_field()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/?from=someday");

        await Expect(page.Locator("#results-status")).ToContainTextAsync("Could not load the timeline: The request is invalid.");
        await Expect(page.Locator("#results-status")).ToContainTextAsync("from:");
        await Expect(page.Locator("#results .entry")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task As_of_an_earlier_instant_the_later_entry_disappears_and_the_corrected_one_shows_its_first_version()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");
        (await page.ListedTitlesAsync()).ShouldContain(PageScenario.LateVisitTitle);

        // The control's own normal form: Chromium drops trailing zeros of the milliseconds (".61", not ".610").
        await page.Field("As of (UTC)").FillAsync(Scenario.AsOf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFF", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await page.WaitUntilRenderedAsync();

        var titles = await page.ListedTitlesAsync();
        titles.ShouldNotContain(PageScenario.LateVisitTitle);
        titles.ShouldNotContain(PageScenario.CorrectedTitle);
        titles.ShouldContain(PageScenario.FirstReportedTitle);
        await Expect(page.Locator("#as-of-banner")).ToContainTextAsync("As recorded at");
        DateTimeOffset.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["asOf"]!, CultureInfo.InvariantCulture).ShouldBe(Scenario.AsOf);

        // Links keep the moment: the entry opens as it stood then, with a way to the present.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = PageScenario.FirstReportedTitle, Exact = true }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        new Uri(page.Url).Query.ShouldContain("asOf=");
        await Expect(page.Locator("h1")).ToHaveTextAsync(PageScenario.FirstReportedTitle);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "See it as it stands now" }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(PageScenario.CorrectedTitle);
        await page.GoBackAsync();
        await page.WaitUntilRenderedAsync();
        await page.GoBackAsync();
        await page.WaitUntilRenderedAsync();

        await page.Field("As of (UTC)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        (await page.ListedTitlesAsync()).ShouldContain(PageScenario.CorrectedTitle);
    }

    [Fact]
    public async Task The_chronology_check_says_before_or_cannot_tell_and_why()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");

        await page.Field("Is this entry").SelectOptionAsync(Scenario.ApproximateVisit);
        await page.Field("before or after this one?").SelectOptionAsync(Scenario.DayStatement);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Check the order" }).ClickAsync();
        await Expect(page.Locator("#chronology-verdict strong")).ToHaveTextAsync("Before");

        await page.Field("Is this entry").SelectOptionAsync(Scenario.MonthVisit);
        await page.Field("before or after this one?").SelectOptionAsync(Scenario.RangeVisit);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Check the order" }).ClickAsync();
        await Expect(page.Locator("#chronology-verdict strong")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Cannot tell"));
        await Expect(page.Locator("#chronology-verdict .reason")).ToContainTextAsync("Reason: ");
        (await page.Locator("#chronology-verdict .reason").InnerTextAsync()).Length.ShouldBeGreaterThan("Reason: ".Length + 20);
    }

    [Fact]
    public async Task The_chronology_check_finds_entries_not_listed_by_words_or_by_a_pasted_link_from_the_keyboard()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");
        (await page.ListedTitlesAsync()).ShouldNotContain(PageScenario.IndiaVisitTitle);

        // Words: the India visit is not on this China–Russia page, but the search looks across every country.
        await page.Field("Search for the first entry").FocusAsync();
        await page.Keyboard.TypeAsync("New Delhi");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#chronology-a-found")).ToHaveTextAsync("1 entry matches; pick one above.");
        await Expect(page.Field("Is this entry")).ToHaveValueAsync(Scenario.IndiaVisit);
        await Expect(page.Locator("#chronology-verdict")).ToBeEmptyAsync();

        // A link copied from the address bar, with its "as of" moment: the id inside it is enough.
        await page.Field("Search for the second entry").FillAsync($"{app.BaseUrl}/entries/{Scenario.DayStatement}?asOf=2030-01-01T00%3A00%3A00Z");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Find the second entry" }).ClickAsync();
        await Expect(page.Field("before or after this one?")).ToHaveValueAsync(Scenario.DayStatement);
        await Expect(page.Field("before or after this one?").Locator("option")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Check the order" }).ClickAsync();
        await Expect(page.Locator("#chronology-verdict strong")).ToHaveTextAsync("Before");
        await Expect(page.Locator("#chronology-verdict")).ToContainTextAsync(PageScenario.IndiaVisitTitle);

        // Nothing found, and an id no entry has, are said so.
        await page.Field("Search for the first entry").FillAsync("no such words anywhere");
        await page.Field("Search for the first entry").PressAsync("Enter");
        await Expect(page.Locator("#chronology-a-found")).ToHaveTextAsync("No entry matches “no such words anywhere”.");
        await page.Field("Search for the second entry").FillAsync("00000000-0000-0000-0000-000000000000");
        await page.Field("Search for the second entry").PressAsync("Enter");
        await Expect(page.Locator("#chronology-b-found")).ToHaveTextAsync("No entry has that id.");

        // An empty search returns to the entries listed on the page.
        await page.Field("Search for the first entry").FillAsync("");
        await page.Field("Search for the first entry").PressAsync("Enter");
        (await page.Field("Is this entry").Locator("option").CountAsync()).ShouldBe((await page.ListedTitlesAsync()).Count);
    }

    [Fact]
    public async Task Each_export_link_downloads_a_file_that_parses_back_to_exactly_the_filtered_entries()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/?kinds=visit");
        var visits = new[] { Scenario.ApproximateVisit, Scenario.MonthVisit, Scenario.RangeVisit, Scenario.CorrectedVisit, Scenario.LateVisit };

        var csv = await DownloadAsync(page, "CSV");
        using (var reader = CsvReader.Create(System.Text.Encoding.UTF8.GetBytes(csv), CsvReaderOptions.Default with { Separator = ',', MalformedData = CsvMalformedDataHandling.Throw }))
        {
            var ids = new List<string>();
            while (reader.Read()) ids.Add(reader.GetString(0)!);
            reader.Headers.ToArray()[0].ShouldBe("id");
            ids.ShouldBe(visits, ignoreOrder: true);
        }

        using var timelineJs = JsonDocument.Parse(await DownloadAsync(page, "TimelineJS"));
        timelineJs.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("unique_id").GetString()).ShouldBe(visits, ignoreOrder: true);

        var atom = SyndicationFeed.Load(XmlReader.Create(new StringReader(await DownloadAsync(page, "Latest changes (Atom)"))));
        atom.Items.First().Title.Text.ShouldContain(PageScenario.CorrectedTitle);

        await page.Field("Official").SelectOptionAsync(Scenario.ChineseMinister);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await page.WaitUntilRenderedAsync();
        var calendar = Ical.Net.Calendar.Load(await DownloadAsync(page, "Itinerary (ICS)"))!;
        calendar.Events.Count.ShouldBe(6);
        calendar.Events.Select(e => e.Summary).ShouldContain(s => s!.Contains(PageScenario.CorrectedTitle, StringComparison.Ordinal));
    }

    private static async Task<string> DownloadAsync(IPage page, string linkText)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator(".exports").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = linkText, Exact = true }).ClickAsync());
        return await File.ReadAllTextAsync((await download.PathAsync())!, Ct);
    }

    [Fact]
    public async Task The_timeline_entry_and_official_pages_have_no_serious_or_critical_accessibility_violation()
    {
        var page = await app.NewPageAsync();
        foreach (var path in new[] { "/", $"/entries/{Scenario.CorrectedVisit}", $"/officials/{Scenario.ChineseMinister}", "/?countries=RU,VN&asOf=2020-01-01T00:00:00Z" })
        {
            await page.OpenAsync(path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            var result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
            serious.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task On_a_phone_the_pages_fit_the_screen_without_sideways_scrolling()
    {
        var page = await app.NewPageAsync(390, 844);
        // Russia–Vietnam spans ten years: a chart wider than the phone, which must scroll inside its box, not the page.
        foreach (var path in new[] { "/", "/?countries=RU,VN", $"/entries/{Scenario.CorrectedVisit}", $"/officials/{Scenario.ChineseMinister}" })
        {
            await page.OpenAsync(path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            overflow.ShouldBe(0, $"{path} scrolls sideways by {overflow}px");
        }
        // The chart that scrolls inside its box can be reached and scrolled from the keyboard (axe: scrollable-region-focusable).
        await page.OpenAsync("/?countries=RU,VN");
        var chart = page.Locator(".chart-scroll");
        (await chart.EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth")).ShouldBeGreaterThan(0);
        await chart.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(chart).Not.ToHaveJSPropertyAsync("scrollLeft", 0);
        (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ShouldBeEmpty();
        // The filters fold away on a phone so the entries come first; opened, they take the screen's width.
        await page.OpenAsync("/?q=visit");
        await Expect(page.Field("Text")).ToBeHiddenAsync();
        await Expect(page.Locator(".filters-toggle summary")).ToHaveTextAsync("Filters (1 set)");
        await page.Locator(".filters-toggle summary").ClickAsync();
        (await page.Field("Text").BoundingBoxAsync())!.Width.ShouldBeGreaterThan(250);
    }

    [Fact]
    public async Task The_keyboard_reaches_the_filters_and_an_entry_link_with_a_visible_focus()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/");

        async Task<(string Id, string Href, string Outline)> TabAsync()
        {
            await page.Keyboard.PressAsync("Tab");
            return await page.EvaluateAsync<(string, string, string)>(
                "() => { const e = document.activeElement; return { item1: e.id || '', item2: e.getAttribute('href') || '', item3: getComputedStyle(e).outlineStyle }; }");
        }
        var reached = new List<(string Id, string Href, string Outline)>();
        for (var i = 0; i < 80 && !reached.Any(r => r.Href.StartsWith("/entries/", StringComparison.Ordinal)); i++) reached.Add(await TabAsync());

        reached.ShouldContain(r => r.Id == "q");
        reached.ShouldContain(r => r.Id == "apply-filters");
        var entryLink = reached.Last();
        entryLink.Href.ShouldStartWith("/entries/");
        entryLink.Outline.ShouldNotBe("none");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitUntilRenderedAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe(entryLink.Href);
    }
}
