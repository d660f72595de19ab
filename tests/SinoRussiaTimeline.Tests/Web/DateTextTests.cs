using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SinoRussiaTimeline.Tests.Web;

/// <summary>
/// The page's date text (ClientApp/src/dates.js: "April 2018", "c. 2013", "1–8 April 2018", "2019?", open ends) checked
/// by Node's built-in test runner over ClientApp/test/dates.test.js, the same Node.js the page's build needs. Run here so
/// a wrong date on the page fails `make test`; the runner's report is the failure message.
/// </summary>
public sealed partial class DateTextTests
{
    [Fact]
    public async Task The_page_writes_every_EDTF_form_the_API_accepts_as_a_reader_expects()
    {
        var clientApp = ClientAppDirectory();
        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=tap", Path.Combine("test", "dates.test.js")])
        {
            WorkingDirectory = clientApp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        var report = await output + await errors;
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        node.ExitCode.ShouldBe(0, report);
        // Guards against a runner that finds nothing to run: the file holds about forty cases.
        int.Parse(PassedLine().Match(report).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(30, report);
        report.ShouldContain("# fail 0");
    }

    [GeneratedRegex(@"^# pass (\d+)$", RegexOptions.Multiline)]
    private static partial Regex PassedLine();

    private static string ClientAppDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SinoRussiaTimeline.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory),
            "src", "SinoRussiaTimeline", "ClientApp");
    }
}
