using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Health;
using SinoRussiaTimeline.Security;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.MultiNode;

/// <summary>
/// One real service process: the built app (<c>dotnet SinoRussiaTimeline.dll --urls http://127.0.0.1:PORT</c>, the dll
/// beside the test assembly) on a free port, against the given database and schema, with the test keys. Its output is
/// drained (the last lines kept, to explain a failure); disposing it kills the process tree.
/// </summary>
internal sealed class ServiceNode : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public string Name { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    private ServiceNode(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Client.DefaultRequestHeaders.Add(ApiKeyAuthenticationOptions.HeaderName, TestKeys.EditorAndAuditor.Key);
    }

    public static ServiceNode Start(string name, string connectionString, string schema)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SinoRussiaTimeline.dll");
        File.Exists(dll).ShouldBeTrue($"the app is built beside the tests: {dll}");
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "--urls", url },
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // A small pool each: the three nodes share the test cluster's connections with the rest of the suite.
        start.Environment["ConnectionStrings__Timeline"] = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10 }.ConnectionString;
        start.Environment["Timeline__Schema"] = schema;
        start.Environment["Timeline__RateLimits__Writes__PermitLimit"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (index, key) in TestKeys.All.Index())
        {
            start.Environment[$"Timeline__ApiKeys__{index}__Name"] = key.Name;
            start.Environment[$"Timeline__ApiKeys__{index}__Sha256"] = ApiKeyHashing.Hash(key.Key);
            foreach (var (r, role) in key.Roles.Index()) start.Environment[$"Timeline__ApiKeys__{index}__Roles__{r}"] = role;
        }
        var process = Process.Start(start)!;
        var node = new ServiceNode(name, process, new Uri(url));
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, to explain a failure.</summary>
    public string Output => string.Join('\n', _output);

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 40) _output.TryDequeue(out _);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails with the process's output after the deadline.</summary>
    public async Task WaitReadyAsync(TimeSpan within, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process.HasExited) break;
            if (await IsReadyAsync(ct)) return;
            await Task.Delay(200, ct);
        }
        throw new ShouldAssertException($"{Name} was not ready within {within.TotalSeconds} s (exited: {_process.HasExited}). Output:\n{Output}");
    }

    private async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whether the node says (in <c>/health/ready</c>'s <c>checks.daemon</c>) that it runs the async daemon; null when it does not answer.</summary>
    public async Task<bool?> RunsDaemonAsync(CancellationToken ct)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
            if (response.StatusCode != HttpStatusCode.OK) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return json.RootElement.GetProperty("checks").GetProperty("daemon").GetProperty("description").GetString() == DaemonRoleHealthCheck.Leader;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>SIGKILL on Linux: no shutdown hook runs, no lock is released politely.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000).ShouldBeTrue($"{Name} did not exit within 10 s of SIGKILL");
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
