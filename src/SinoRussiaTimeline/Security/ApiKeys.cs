using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SinoRussiaTimeline.Security;

/// <summary>The roles a key can hold. Each is also the name of the authorization policy that requires it.</summary>
public static class TimelineRoles
{
    /// <summary>May write: every POST (officials, offices, entries, corrections, retractions, the rebuild of the views).</summary>
    public const string Editor = "editor";

    /// <summary>May read the audit trail (<c>/api/audit/*</c>).</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Editor, Auditor];
}

/// <summary>One entry of <c>Timeline:ApiKeys</c>: who holds the key, the SHA-256 of the key, and its roles. Never the key itself.</summary>
public sealed class ConfiguredApiKey
{
    /// <summary>Recorded as <c>recordedBy</c> on every event the key writes.</summary>
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 of the key's UTF-8 bytes, as 64 hexadecimal digits.</summary>
    public string Sha256 { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ConfigurationSection = "Timeline:ApiKeys";

    public List<ConfiguredApiKey> ApiKeys { get; } = [];

    private IReadOnlyList<(string Name, byte[] Hash, string[] Roles)>? _resolved;

    /// <summary>
    /// The key whose hash matches, or null. Every configured hash is compared, in constant time and without stopping at
    /// a match, so the time taken says nothing about which key (or how much of a hash) matched.
    /// </summary>
    internal (string Name, string[] Roles)? Find(string presentedKey)
    {
        // The options instance lives as long as the configuration; a race here only computes the same list twice.
        _resolved ??= ApiKeys
            .Where(k => ApiKeyHashing.IsHash(k.Sha256))
            .Select(k => (k.Name, Convert.FromHexString(k.Sha256), k.Roles.ToArray()))
            .ToList();
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        ApiKeyHashing.Hash(presentedKey, presented);
        (string, string[])? found = null;
        foreach (var (name, hash, roles) in _resolved)
            if (CryptographicOperations.FixedTimeEquals(presented, hash)) found = (name, roles);
        return found;
    }
}

/// <summary>How keys are made and hashed. The same code serves the service, the <c>new-key</c> verb and the tests.</summary>
public static class ApiKeyHashing
{
    /// <summary>Marks a string as one of this service's keys, so secret scanners and people recognise a leaked one.</summary>
    public const string Prefix = "srt_";

    /// <summary>
    /// A new key: 32 random bytes, base64url, behind <see cref="Prefix"/>. With 256 random bits a plain SHA-256 is
    /// enough to store it (no salt or slow hash needed: there is no dictionary to guess from).
    /// </summary>
    public static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(key, hash);
        return Convert.ToHexStringLower(hash);
    }

    internal static void Hash(string key, Span<byte> destination) => SHA256.HashData(Encoding.UTF8.GetBytes(key), destination);

    public static bool IsHash(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    /// <summary>Names end up in every event a key writes (<c>recordedBy</c>): short, and safe in logs, URLs and JSON.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public const string NameRule = "1 to 64 letters, digits, '-', '_' or '.'";
}

/// <summary>
/// Checks <c>Timeline:ApiKeys</c> when the service starts: a malformed hash, an unknown role or a duplicate fails the
/// start with a message naming the entry, instead of a key that silently never works.
/// </summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyAuthenticationOptions>
{
    private const string HowToMakeOne = "Make a key and its hash with: dotnet run --project src/SinoRussiaTimeline -- new-key NAME ROLE";

    public ValidateOptionsResult Validate(string? name, ApiKeyAuthenticationOptions options)
    {
        if (name != ApiKeyAuthenticationOptions.Scheme) return ValidateOptionsResult.Skip;
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var where = $"{ApiKeyAuthenticationOptions.ConfigurationSection}:{i}" + (string.IsNullOrEmpty(key.Name) ? "" : $" ('{Shorten(key.Name)}')");
            if (!ApiKeyHashing.IsValidName(key.Name))
                failures.Add($"{where}: name must be {ApiKeyHashing.NameRule}; it is recorded as recordedBy on every event the key writes.");
            if (!ApiKeyHashing.IsHash(key.Sha256))
                failures.Add($"{where}: sha256 must be the SHA-256 of the key as 64 hexadecimal digits, not the key itself "
                             + $"(it has {key.Sha256?.Length ?? 0} characters{(key.Sha256?.All(char.IsAsciiHexDigit) == false ? ", not all hexadecimal" : "")}). {HowToMakeOne}");
            if (key.Roles.Count == 0)
                failures.Add($"{where}: roles must name at least one of {string.Join(", ", TimelineRoles.All)}.");
            foreach (var role in key.Roles.Where(r => !TimelineRoles.All.Contains(r, StringComparer.Ordinal)))
                failures.Add($"{where}: unknown role '{Shorten(role)}'; the roles are {string.Join(" and ", TimelineRoles.All)}.");
        }
        foreach (var duplicate in options.ApiKeys.Where(k => ApiKeyHashing.IsValidName(k.Name))
                     .GroupBy(k => k.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            failures.Add($"{ApiKeyAuthenticationOptions.ConfigurationSection}: the name '{duplicate.Key}' is given to {duplicate.Count()} keys; "
                         + "each key needs a name of its own, or recordedBy could not tell who wrote an event.");
        foreach (var duplicate in options.ApiKeys.Where(k => ApiKeyHashing.IsHash(k.Sha256))
                     .GroupBy(k => k.Sha256, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            failures.Add($"{ApiKeyAuthenticationOptions.ConfigurationSection}: the keys {string.Join(", ", duplicate.Select(k => $"'{Shorten(k.Name)}'"))} "
                         + "have the same sha256; one key cannot have two names.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
