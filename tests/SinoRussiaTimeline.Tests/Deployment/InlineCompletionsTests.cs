using System.Text.RegularExpressions;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Deployment;

/// <summary>
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> for the service's processes, never for the test process
/// (docs/performance.md, "Inline socket completions"): the image sets it, <c>make run</c> and <c>make seed</c> give it to
/// the app's process alone, the benches start every process of the app with it, and the tests' child processes of the
/// app get it from <see cref="ServiceProcess"/> (the three-node test checks its running nodes). Taking it out of any of
/// these, or exporting it where the SDK or the test process would inherit it, fails here.
/// </summary>
public sealed partial class InlineCompletionsTests
{
    private const string Variable = ServiceProcess.InlineCompletions;
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_image_sets_it_for_every_process_of_the_service()
    {
        var stages = DockerfileStages(LogicalLines("deploy/Dockerfile"));
        var runtime = stages[^1];
        runtime.Name.ShouldBe("runtime", "the image is deploy/Dockerfile's last stage");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in runtime.Lines.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (Match pair in EnvPair().Matches(line[4..])) environment[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
        }
        environment.GetValueOrDefault(Variable).ShouldBe("1", $"deploy/Dockerfile's runtime stage should set {Variable}=1 (exactly 1: .NET ignores any other value)");
        foreach (var stage in stages.SkipLast(1))
            stage.Lines.ShouldNotContain(l => l.Contains(Variable, StringComparison.Ordinal), $"the {stage.Name} stage runs the SDK's build, which must not run with {Variable}");
    }

    [Fact]
    public void Make_run_and_make_seed_give_it_to_the_apps_process_alone()
    {
        var makefile = LogicalLines("Makefile");
        var runs = makefile.Where(l => l.Contains("dotnet run ", StringComparison.Ordinal)).ToList();
        runs.Count.ShouldBe(2, "make run and make seed");
        foreach (var run in runs) run.ShouldContain($" -e {Variable}=1 ", Case.Sensitive, $"dotnet run should pass {Variable}=1 to the app (-e): {run}");
        makefile.ShouldNotContain(l => Exported().IsMatch(l), "exported, it would reach the SDK and make test's test process");
    }

    [Theory]
    [InlineData("scripts/bench.sh")]
    [InlineData("scripts/bench-writes.sh")]
    public void The_benches_start_every_process_of_the_app_with_it(string script)
    {
        var lines = LogicalLines(script);
        var starts = lines.Where(l => AppStart().IsMatch(l)).ToList();
        starts.ShouldNotBeEmpty($"{script} starts no process of the app any more: update this test");
        foreach (var start in starts) start.ShouldContain($"{Variable}=1", Case.Sensitive, $"{script} starts the app without {Variable}=1: {start}");
        lines.ShouldNotContain(l => Exported().IsMatch(l), $"exported, it would reach {script}'s dotnet build or publish");
    }

    [Fact]
    public void The_test_process_runs_without_it()
    {
        Environment.GetEnvironmentVariable(Variable).ShouldNotBe("1",
            "the test process runs with inline socket completions: Microsoft.Testing.Platform's pipe to its test host can deadlock; set it on the service's processes only");
        LogicalLines("scripts/test.sh").ShouldNotContain(l => l.Contains(Variable, StringComparison.Ordinal), "make test's script must not set it for the test process");
    }

    private sealed record Stage(string Name, List<string> Lines);

    // FROM starts a stage; "FROM image AS name" names it.
    private static List<Stage> DockerfileStages(List<string> lines)
    {
        var stages = new List<Stage>();
        foreach (var line in lines)
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(words.Length >= 4 && words[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[^1] : $"stage {stages.Count}", []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Lines.Add(line);
            }
        }
        stages.ShouldNotBeEmpty("deploy/Dockerfile has no FROM");
        return stages;
    }

    // The file's lines with comments left out and continued lines (ending in a backslash) joined, as make, the shell and
    // Docker read them.
    private static List<string> LogicalLines(string relativePath)
    {
        var logical = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(Path.Combine(Root, relativePath)))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                current += line[..^1].TrimEnd() + " ";
                continue;
            }
            logical.Add(current + line);
            current = "";
        }
        if (current.Length > 0) logical.Add(current.TrimEnd());
        return logical;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SinoRussiaTimeline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No SinoRussiaTimeline.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)""")]
    private static partial Regex EnvPair();

    // The app's dll started by the dotnet host: "dotnet SinoRussiaTimeline.dll ..." or "dotnet "$dll" ...".
    [GeneratedRegex("""\bdotnet\s+(SinoRussiaTimeline\.dll|"\$dll")""")]
    private static partial Regex AppStart();

    [GeneratedRegex(@"\bexport\b[^#]*\bDOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS\b")]
    private static partial Regex Exported();
}
