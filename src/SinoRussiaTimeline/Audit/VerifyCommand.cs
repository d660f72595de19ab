namespace SinoRussiaTimeline.Audit;

/// <summary>
/// <c>verify FILE [--head HASH] [--start HASH]</c>: checks an exported audit log offline, with no database, so an
/// auditor can verify a copy without trusting the service that produced it.
/// </summary>
public static class VerifyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        // The file is the first argument that is neither an option nor an option's value; "-" means standard input.
        var file = args.Where((a, i) => (a == "-" || !a.StartsWith('-')) && (i == 0 || args[i - 1] is not ("--head" or "--start"))).FirstOrDefault();
        if (file is null)
        {
            await Console.Error.WriteLineAsync("usage: verify FILE.ndjson|- [--head HASH] [--start HASH]");
            return 2;
        }
        foreach (var (name, value) in new[] { ("--head", Option("--head")), ("--start", Option("--start")) })
        {
            if (value is not null && (value.Length != 64 || !value.All(char.IsAsciiHexDigitLower)))
            {
                await Console.Error.WriteLineAsync($"{name} must be a hash of 64 lower-case hexadecimal digits, as GET /api/audit/head gives it.");
                return 2;
            }
        }
        if (file != "-" && !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"No such file: {file}");
            return 2;
        }
        using var reader = file == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(file);
        var result = await OfflineVerifier.VerifyAsync(reader, Option("--head"), Option("--start"));
        if (result.Valid && result.EventsChecked == 0)
        {
            Console.WriteLine("valid: the export holds no events");
            return 0;
        }
        Console.WriteLine(result.Valid
            ? $"valid: {result.EventsChecked} events, last sequence {result.LastSequence}, head {result.HeadHash}"
            : $"INVALID at sequence {result.FirstBadSequence}: {result.Problem} ({result.EventsChecked} events checked before it)");
        return result.Valid ? 0 : 1;
    }
}
