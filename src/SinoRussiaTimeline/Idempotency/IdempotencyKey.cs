using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace SinoRussiaTimeline.Idempotency;

/// <summary>What a valid <c>Idempotency-Key</c> is, and which stored record a key names.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on an answer that repeats a stored one instead of running the request again.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public const int MaxLength = 200;

    /// <summary>Printable ASCII, as a regular expression for the OpenAPI document.</summary>
    public const string Pattern = "^[\\x20-\\x7E]+$";

    /// <summary>Why the header's value is not a usable key, or null when it is.</summary>
    public static string? Problem(StringValues values)
    {
        if (values.Count > 1) return "Send one Idempotency-Key header, not several.";
        var key = values.ToString();
        // HTTP drops spaces around a header's value, so a blank key could not arrive intact; it is most likely a client bug.
        if (string.IsNullOrWhiteSpace(key)) return "An Idempotency-Key must not be empty; send a fresh UUID for each new write.";
        if (key.Length > MaxLength) return $"An Idempotency-Key has at most {MaxLength} characters; this one has {key.Length}.";
        if (!key.All(c => c is >= ' ' and <= '~'))
            return "An Idempotency-Key holds printable ASCII characters only (letters, digits, punctuation, spaces); a UUID is a good key.";
        return null;
    }

    /// <summary>
    /// The id of the record a key names. Keys belong to a caller and a route: two callers who happen to choose the same
    /// key never see each other's answers, and one key sent to two routes names two records.
    /// </summary>
    public static string RecordId(string caller, string method, string route, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}\n{method} {route}\n{key}")));

    /// <summary>The transaction-scoped advisory lock that serialises requests naming one record: its two 32-bit keys.</summary>
    public static (int Class, int Key) LockFor(string recordId) =>
        (LockClass, int.Parse(recordId.AsSpan(0, 8), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));

    // Fixed, so every node of the service takes the same lock for a key; the two-key form never meets Marten's own
    // single-key advisory locks (PostgreSQL keeps the two key spaces apart).
    private const int LockClass = 0x1D3A_7E11;
}
