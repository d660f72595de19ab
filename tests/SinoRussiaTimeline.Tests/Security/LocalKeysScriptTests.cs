using System.Diagnostics;
using System.Text.RegularExpressions;
using SinoRussiaTimeline.Security;

namespace SinoRussiaTimeline.Tests.Security;

/// <summary>
/// <c>scripts/local-api-keys.sh</c>, which <c>make run</c> calls: the first run prints an editor and an auditor key once
/// and keeps only their hashes, outside the repository; the next run prints no key and reuses the hashes.
/// </summary>
public sealed partial class LocalKeysScriptTests : IDisposable
{
    private readonly string _keysDirectory = Path.Combine(Path.GetTempPath(), "srt-keys-test-" + Guid.NewGuid().ToString("N"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "local-api-keys.sh"))) return dir.FullName;
        throw new InvalidOperationException("scripts/local-api-keys.sh not found above " + AppContext.BaseDirectory);
    }

    private async Task<(int Exit, string Output, string Error)> RunScriptAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "local-api-keys.sh")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["TIMELINE_KEYS_DIR"] = _keysDirectory },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, (await output).Trim(), await error);
    }

    [GeneratedRegex(@"^\s*(?<role>editor|auditor) key .*:\s+(?<key>srt_\S+)$", RegexOptions.Multiline)]
    private static partial Regex PrintedKey();

    [Fact]
    public async Task The_first_run_prints_each_key_once_and_keeps_only_its_hash_and_the_next_run_prints_none()
    {
        var (exit, file, error) = await RunScriptAsync();

        exit.ShouldBe(0, error);
        file.ShouldBe(Path.Combine(_keysDirectory, "api-keys.env"));
        var printed = PrintedKey().Matches(error).ToDictionary(m => m.Groups["role"].Value, m => m.Groups["key"].Value);
        printed.Keys.Order().ToList().ShouldBe(["auditor", "editor"], customMessage: error);
        var settings = File.ReadAllLines(file).Where(l => !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        settings.OrderBy(s => s.Key, StringComparer.Ordinal).ShouldBe(new Dictionary<string, string>
        {
            ["Timeline__ApiKeys__0__Name"] = "local-editor",
            ["Timeline__ApiKeys__0__Sha256"] = ApiKeyHashing.Hash(printed["editor"]),
            ["Timeline__ApiKeys__0__Roles__0"] = "editor",
            ["Timeline__ApiKeys__1__Name"] = "local-auditor",
            ["Timeline__ApiKeys__1__Sha256"] = ApiKeyHashing.Hash(printed["auditor"]),
            ["Timeline__ApiKeys__1__Roles__0"] = "auditor",
        }.OrderBy(s => s.Key, StringComparer.Ordinal));
        File.ReadAllText(file).ShouldNotContain("srt_");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var again = await RunScriptAsync();

        again.Exit.ShouldBe(0, again.Error);
        again.Output.ShouldBe(file);
        again.Error.ShouldNotContain("srt_");
        File.ReadAllLines(file).ShouldContain($"Timeline__ApiKeys__0__Sha256={ApiKeyHashing.Hash(printed["editor"])}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_keysDirectory)) Directory.Delete(_keysDirectory, recursive: true);
    }
}
