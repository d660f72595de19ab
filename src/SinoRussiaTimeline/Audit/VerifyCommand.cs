namespace SinoRussiaTimeline.Audit;

/// <summary>
/// <c>verify FILE [--head HASH] [--start HASH]</c>: checks an exported audit log offline, with no database, so an
/// auditor can verify a copy without trusting the service that produced it.
/// </summary>
public static class VerifyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith('-'));
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (file is null)
        {
            await Console.Error.WriteLineAsync("usage: verify FILE.ndjson [--head HASH] [--start HASH]");
            return 2;
        }
        using var reader = file == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(file);
        var result = await OfflineVerifier.VerifyAsync(reader, Option("--head"), Option("--start"));
        Console.WriteLine(result.Valid
            ? $"valid: {result.EventsChecked} events, last sequence {result.LastSequence}, head {result.HeadHash}"
            : $"INVALID at sequence {result.FirstBadSequence}: {result.Problem} ({result.EventsChecked} events checked before it)");
        return result.Valid ? 0 : 1;
    }
}
