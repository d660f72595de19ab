using System.Diagnostics;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own, under /tmp, on a free port of 127.0.0.1 (<see cref="LoopbackPort"/>), which
/// the test may crash (<c>pg_ctl -m immediate stop</c>) and start again without disturbing any other test. As root the
/// server runs as the <c>postgres</c> OS user, as scripts/local-postgres.sh does.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PrivatePostgres(string bin, string dir, int port) => (_bin, _dir, Port) = (bin, dir, port);

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Maximum Pool Size=40";

    /// <summary>The directory of initdb and pg_ctl, or null when no PostgreSQL server is installed.</summary>
    public static string? FindBinaries() =>
        new[] { Environment.GetEnvironmentVariable("TIMELINE_PG_BIN"), "/usr/lib/postgresql/15/bin" }
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : [])
            .FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "pg_ctl")));

    public static async Task<PrivatePostgres> StartAsync(string bin, CancellationToken ct)
    {
        var dir = Path.Combine("/tmp", "sinorussiatimeline-fault-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var cluster = new PrivatePostgres(bin, dir, LoopbackPort.Free());
        if (cluster._asRoot) await RunAsync("chown", ["postgres:postgres", dir], ct);
        await cluster.PgAsync("initdb", ["-D", dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], ct);
        await cluster.StartAsync(ct);
        return cluster;
    }

    public Task StartAsync(CancellationToken ct) => PgAsync("pg_ctl",
        ["-D", _dir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
         "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c max_connections=100", "start"], ct);

    /// <summary>Crashes the server: every backend killed at once, no shutdown checkpoint; recovery replays the WAL at the next start.</summary>
    public Task CrashAsync(CancellationToken ct) => PgAsync("pg_ctl", ["-D", _dir, "-m", "immediate", "-w", "stop"], ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", _dir, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_dir, recursive: true);
    }

    private Task PgAsync(string tool, string[] arguments, CancellationToken ct) =>
        _asRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], ct)
            : RunAsync(Path.Combine(_bin, tool), arguments, ct);

    private static async Task RunAsync(string file, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
    }
}
