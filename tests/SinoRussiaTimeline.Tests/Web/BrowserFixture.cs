using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Web;

/// <summary>
/// The service on a real port (Kestrel on 127.0.0.1, a free port) with a schema of its own, and one headless Debian
/// Chromium for the test class. Never a downloaded browser: CHROMIUM_PATH, else /usr/bin/chromium (scripts/test.sh
/// installs it when missing). Subclasses record the entries their tests need once the service runs.
/// </summary>
public abstract class BrowserApp : TimelineApp
{
    protected BrowserApp(TestDatabase database) : base(database) => UseKestrel(0);

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public override async ValueTask InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        await RecordAsync(CreateClient());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Writes, through the API as an editor, what the class's tests look for.</summary>
    protected abstract Task RecordAsync(HttpClient editor);

    /// <summary>A fresh page (own cookies, own downloads) at the given size, 1280x800 unless told.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "en-GB",
            TimezoneId = "UTC",
            // One device pixel per CSS pixel, so a screenshot is the same size on every machine.
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The browser tests' own entries (<see cref="PageScenario"/>): every precision, a correction, a retraction, a long list.</summary>
public sealed class BrowserFixture(TestDatabase database) : BrowserApp(database)
{
    public PageScenario Scenario { get; private set; } = null!;

    protected override async Task RecordAsync(HttpClient editor) => Scenario = await PageScenario.RecordAsync(editor);
}

/// <summary>
/// What the browser tests look for, recorded in this order: officials with Chinese and Russian names; China–Russia
/// entries at each precision; a China–India visit; a retracted statement; a page's worth of Russia–Vietnam deliveries
/// to page through; then a visit corrected after the "as of" instant, and one recorded after that instant.
/// </summary>
public sealed record PageScenario(
    string ChineseMinister, string RussianMinister,
    string MonthVisit, string RangeVisit, string ApproximateVisit, string UncertainDelivery, string DayStatement,
    string IndiaVisit, string CorrectedVisit, string LateVisit, DateTimeOffset AsOf, string RetractedStatement,
    int VietnamDeliveries)
{
    public const string MonthVisitTitle = "Defence minister visits Moscow in April";
    public const string RangeVisitTitle = "Week of talks in Saint Petersburg";
    public const string ApproximateVisitTitle = "Early exchange of general staffs";
    public const string DeliveryTitle = "S-400 regiment handed over";
    public const string StatementTitle = "Joint statement on a comprehensive strategic partnership";
    public const string IndiaVisitTitle = "Defence minister visits New Delhi";
    public const string FirstReportedTitle = "Minister visits Vladivostok";
    public const string CorrectedTitle = "Minister visits Khabarovsk, not Vladivostok";
    public const string LateVisitTitle = "Visit recorded after the as-of instant";
    public const string RetractedTitle = "Joint statement that was never signed";
    public const string RetractionReason = "The statement was announced but never signed.";

    public static async Task<PageScenario> RecordAsync(HttpClient editor)
    {
        var given = new Given(editor);
        var cn = await given.OfficialAsync("Wei Fenghe", "CN", zh: "魏凤和", ru: "Вэй Фэнхэ");
        var ru = await given.OfficialAsync("Sergei Shoigu", "RU", zh: "谢尔盖·绍伊古", ru: "Сергей Шойгу");
        await given.OfficeAsync(cn, "Minister of National Defense", "2018-03-19", "2023-03-12");

        var month = (await given.VisitAsync(cn, "RU", "2018-04", MonthVisitTitle, v => v["hostOfficialIds"] = Bodies.Array([ru]))).Id();
        var range = (await given.VisitAsync(cn, "RU", "2018-04-01/2018-04-08", RangeVisitTitle)).Id();
        var approximate = (await given.VisitAsync(cn, "RU", "2013~", ApproximateVisitTitle)).Id();
        var delivery = (await given.ArmsDeliveryAsync("RU", "CN", "2019?", d => d["title"] = DeliveryTitle)).Id();
        var statement = (await given.JointStatementAsync(["CN", "RU"], "2019-06-05", [cn, ru], StatementTitle)).Id();
        var india = (await given.VisitAsync(cn, "IN", "2018-05", IndiaVisitTitle)).Id();
        var retracted = (await given.JointStatementAsync(["CN", "RU"], "2017-02", [cn, ru], RetractedTitle)).Id();
        await SendAsync(editor, HttpMethod.Post, $"/api/entries/{retracted}/retraction", new { reason = RetractionReason });
        const int vietnam = 53;
        for (var i = 0; i < vietnam; i++)
            await given.ArmsDeliveryAsync("RU", "VN", $"20{10 + i % 10}-0{1 + i % 9}", d => { d["title"] = $"Delivery to Vietnam number {i + 1}"; d.Remove("contract"); });

        var corrected = await given.VisitAsync(cn, "RU", "2020-09", FirstReportedTitle);
        // The "as of" instant falls between the corrected entry's first version and everything recorded after it.
        var firstRecorded = corrected.GetProperty("recordedAt").GetDateTimeOffset();
        var late = await given.VisitAsync(cn, "RU", "2021-02", LateVisitTitle);
        var asOf = firstRecorded.AddTicks(TimeSpan.TicksPerMillisecond - firstRecorded.Ticks % TimeSpan.TicksPerMillisecond);
        if (asOf >= late.GetProperty("recordedAt").GetDateTimeOffset()) throw new InvalidOperationException("Two entries were recorded within the same millisecond.");

        await SendAsync(editor, HttpMethod.Post, $"/api/entries/{corrected.Id()}/corrections",
            new { changes = new { title = CorrectedTitle, city = "Khabarovsk" }, reason = "The ministry's readout names Khabarovsk.", sources = Bodies.Sources() });

        return new PageScenario(cn, ru, month, range, approximate, delivery, statement, india, corrected.Id(), late.Id(), asOf, retracted, vietnam);
    }

    // A correction or retraction of an entry's first version.
    private static async Task SendAsync(HttpClient editor, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var response = await editor.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
    }
}
