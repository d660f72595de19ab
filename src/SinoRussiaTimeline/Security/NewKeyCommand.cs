namespace SinoRussiaTimeline.Security;

/// <summary>
/// <c>new-key NAME ROLE [ROLE...]</c>: makes a random API key and prints it with its SHA-256 and the configuration that
/// grants it. The key is shown once and stored nowhere; the service is given only the hash.
/// </summary>
public static class NewKeyCommand
{
    public const string Usage = "usage: new-key NAME ROLE [ROLE...]   (ROLE: editor or auditor; NAME: 1 to 64 letters, digits, '-', '_' or '.')";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var positional = args.Where(a => !a.StartsWith('-')).ToList();
        if (positional.Count < 2)
        {
            error.WriteLine(Usage);
            return 2;
        }
        var name = positional[0];
        var roles = positional.Skip(1).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        if (!ApiKeyHashing.IsValidName(name))
        {
            error.WriteLine($"The name '{name}' is not valid: use {ApiKeyHashing.NameRule}. It is recorded as recordedBy on every event the key writes.");
            return 2;
        }
        if (roles.FirstOrDefault(r => !TimelineRoles.All.Contains(r, StringComparer.Ordinal)) is { } unknown)
        {
            error.WriteLine($"Unknown role '{unknown}'; the roles are {string.Join(" and ", TimelineRoles.All)}.");
            return 2;
        }

        var key = ApiKeyHashing.NewKey();
        var hash = ApiKeyHashing.Hash(key);
        output.WriteLine($"name:   {name}");
        output.WriteLine($"roles:  {string.Join(",", roles)}");
        output.WriteLine($"key:    {key}");
        output.WriteLine($"sha256: {hash}");
        output.WriteLine();
        output.WriteLine("The key is shown only now: hand it to its holder, who sends it as 'X-Api-Key: <key>' or 'Authorization: Bearer <key>'.");
        output.WriteLine("Give the service only the hash, as the next entry N of Timeline:ApiKeys, in environment variables:");
        output.WriteLine($"  Timeline__ApiKeys__N__Name={name}");
        output.WriteLine($"  Timeline__ApiKeys__N__Sha256={hash}");
        for (var i = 0; i < roles.Count; i++) output.WriteLine($"  Timeline__ApiKeys__N__Roles__{i}={roles[i]}");
        output.WriteLine("or in appsettings.json, under \"Timeline\":");
        output.WriteLine($"  \"ApiKeys\": [{{ \"name\": \"{name}\", \"sha256\": \"{hash}\", \"roles\": [{string.Join(", ", roles.Select(r => $"\"{r}\""))}] }}]");
        return 0;
    }
}
