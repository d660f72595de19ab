using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SinoRussiaTimeline.Tests.Web;

/// <summary>Waiting on the page as a reader does: for its content, never for a fixed time.</summary>
public static class PageSupport
{
    /// <summary>The page sets body[data-ready] once a view has rendered (and clears it while it loads the next one).</summary>
    public static async Task WaitUntilRenderedAsync(this IPage page) =>
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitUntilRenderedAsync();
    }

    /// <summary>A control of the filter form or the chronology check, by its exact label.</summary>
    public static ILocator Field(this IPage page, string label) =>
        page.Locator("main form").GetByLabel(label, new LocatorGetByLabelOptions { Exact = true });

    /// <summary>The titles of the entries listed, in order.</summary>
    public static async Task<IReadOnlyList<string>> ListedTitlesAsync(this IPage page) =>
        (await page.Locator("#results .entry-title").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    /// <summary>The visible article of the entry with this title.</summary>
    public static ILocator Entry(this IPage page, string title) =>
        page.Locator("#results article.entry").Filter(new LocatorFilterOptions { Has = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = title, Exact = true }) });

    /// <summary>docs/screenshots/NAME.png in the repository, overwritten on every run so the guide's pictures stay current.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        if (ScreenshotPath(name) is { } path)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>One part of the page (say an entry's history, below the fold) as docs/screenshots/NAME.png.</summary>
    public static async Task ScreenshotAsync(this ILocator part, string name)
    {
        if (ScreenshotPath(name) is { } path)
            await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
    }

    private static string? ScreenshotPath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SinoRussiaTimeline.sln"))) directory = directory.Parent;
        if (directory is null) return null;
        var path = Path.Combine(directory.FullName, "docs", "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
