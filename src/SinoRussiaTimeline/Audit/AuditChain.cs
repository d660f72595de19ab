using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SinoRussiaTimeline.Audit;

/// <summary>One event of the log in the form the chain hashes and the audit export prints.</summary>
/// <param name="Sequence">The event's position in the whole log (Marten's global sequence number).</param>
/// <param name="StreamId">The stream the event belongs to.</param>
/// <param name="Version">The event's version within its stream.</param>
/// <param name="Type">The event type name as stored.</param>
/// <param name="RecordedAt">When the event was stored; only whole microseconds are hashed.</param>
/// <param name="RecordedBy">Who recorded it, when known.</param>
/// <param name="CorrelationId">The request correlation id, when known.</param>
/// <param name="Data">The event body as stored.</param>
public sealed record AuditRecord(
    long Sequence, string StreamId, long Version, string Type, DateTimeOffset RecordedAt,
    string? RecordedBy, string? CorrelationId, JsonNode? Data)
{
    /// <summary>The UTC timestamp layout of the canonical form: exactly six fraction digits, as PostgreSQL keeps microseconds.</summary>
    internal const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    /// <summary>The largest integer that an IEEE-754 double, and so an RFC 8785 number, holds exactly: 2^53 - 1.</summary>
    internal const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <summary>
    /// The canonical object: <c>correlationId</c>, <c>data</c>, <c>recordedAt</c>, <c>recordedBy</c>, <c>sequence</c>,
    /// <c>streamId</c>, <c>type</c>, <c>version</c>; a missing correlation id, recorder or body is JSON <c>null</c>.
    /// The data is copied, so the object may be changed or attached elsewhere freely.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sequence or version is beyond ±(2^53 - 1), or the stream id or type is null.</exception>
    public JsonObject ToCanonicalObject()
    {
        RequireSafe(Sequence, "sequence");
        RequireSafe(Version, "version");
        if (StreamId is null || Type is null)
        {
            throw new InvalidOperationException($"The audit record of sequence {Sequence} has no {(StreamId is null ? "stream id" : "type")}.");
        }

        return new JsonObject
        {
            ["correlationId"] = CorrelationId,
            ["data"] = Data?.DeepClone(),
            ["recordedAt"] = FormatTimestamp(RecordedAt),
            ["recordedBy"] = RecordedBy,
            ["sequence"] = Sequence,
            ["streamId"] = StreamId,
            ["type"] = Type,
            ["version"] = Version,
        };
    }

    /// <summary>The RFC 8785 text of <see cref="ToCanonicalObject"/>: what the chain hashes.</summary>
    public string Canonical() => CanonicalJson.Serialize(ToCanonicalObject());

    /// <summary>A timestamp as the canonical form writes it: UTC, "yyyy-MM-ddTHH:mm:ss.ffffffZ"; ticks below a microsecond are dropped.</summary>
    internal static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private void RequireSafe(long value, string field)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new InvalidOperationException(
                $"The {field} {value} of the audit record of stream {StreamId} is beyond 2^53 - 1: an RFC 8785 number could not tell it from its neighbours.");
        }
    }
}

/// <summary>The hash chain over the event log in sequence order.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first event of the log: 64 zeros.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>hash_n = lower-case hex SHA-256 of UTF-8(previousHash + "\n" + canonical_n).</summary>
    /// <exception cref="ArgumentException"><paramref name="previousHash"/> is not 64 lower-case hex digits.</exception>
    public static string Link(string previousHash, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsHash(previousHash))
        {
            throw new ArgumentException($"The previous hash must be 64 lower-case hex digits, not \"{previousHash}\".", nameof(previousHash));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + record.Canonical())));
    }

    /// <summary>Whether <paramref name="value"/> has the form of a chain hash: exactly 64 lower-case hex digits.</summary>
    internal static bool IsHash(string? value) =>
        value is { Length: 64 } && value.AsSpan().IndexOfAnyExcept(LowerHex) < 0;
}

/// <summary>One NDJSON line of the audit export: the record's canonical fields plus "previousHash" and "hash".</summary>
public static class AuditLine
{
    private static readonly string[] Members =
        ["correlationId", "data", "hash", "previousHash", "recordedAt", "recordedBy", "sequence", "streamId", "type", "version"];

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// One line, without a newline: the RFC 8785 form of the record's canonical object with the members
    /// <c>previousHash</c> and <c>hash</c> added (so they sort between <c>data</c> and <c>recordedAt</c>).
    /// </summary>
    public static string Format(AuditRecord record, string previousHash, string hash)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!AuditChain.IsHash(previousHash))
        {
            throw new ArgumentException($"The previous hash must be 64 lower-case hex digits, not \"{previousHash}\".", nameof(previousHash));
        }

        if (!AuditChain.IsHash(hash))
        {
            throw new ArgumentException($"The hash must be 64 lower-case hex digits, not \"{hash}\".", nameof(hash));
        }

        var line = record.ToCanonicalObject();
        line["previousHash"] = previousHash;
        line["hash"] = hash;
        return CanonicalJson.Serialize(line);
    }

    /// <summary>
    /// Reads one line of the export. The line need not be byte-for-byte canonical (the hash is checked against the
    /// canonical form of what it says), but it must be one JSON object with exactly the ten members, each of its type.
    /// </summary>
    /// <exception cref="FormatException">The line is not such an object; the message says what is wrong.</exception>
    public static (AuditRecord Record, string PreviousHash, string Hash) Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(line, documentOptions: Strict);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The line is not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject obj)
        {
            throw new FormatException($"The line is not a JSON object but {(root is null ? "null" : root.GetValueKind().ToString().ToLowerInvariant())}.");
        }

        foreach (var (name, _) in obj)
        {
            if (Array.IndexOf(Members, name) < 0)
            {
                throw new FormatException($"The line has the unexpected member \"{name}\"; an audit line has exactly: {string.Join(", ", Members)}.");
            }
        }

        foreach (var name in Members)
        {
            if (!obj.ContainsKey(name))
            {
                throw new FormatException($"The line has no \"{name}\" member.");
            }
        }

        var sequence = Integer(obj, "sequence");
        var data = obj["data"]?.DeepClone();
        try
        {
            _ = CanonicalJson.Serialize(data);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"The \"data\" of sequence {sequence} has no RFC 8785 form: {e.Message}", e);
        }

        var record = new AuditRecord(
            sequence,
            RequiredString(obj, "streamId"),
            Integer(obj, "version"),
            RequiredString(obj, "type"),
            Timestamp(obj, "recordedAt"),
            OptionalString(obj, "recordedBy"),
            OptionalString(obj, "correlationId"),
            data);
        return (record, Hash(obj, "previousHash"), Hash(obj, "hash"));
    }

    private static long Integer(JsonObject obj, string name)
    {
        if (obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number)
            && number is <= AuditRecord.MaxSafeInteger and >= -AuditRecord.MaxSafeInteger)
        {
            return number;
        }

        throw new FormatException($"\"{name}\" must be an integer without fraction or exponent, at most 2^53 - 1, not {Show(obj[name])}.");
    }

    private static string RequiredString(JsonObject obj, string name) =>
        OptionalString(obj, name) ?? throw new FormatException($"\"{name}\" must be a string, not null.");

    private static string? OptionalString(JsonObject obj, string name)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                return value.GetValue<string>();
            }
            catch (InvalidOperationException e)
            {
                throw new FormatException($"\"{name}\" is not valid text: {e.Message}", e);
            }
        }

        throw new FormatException($"\"{name}\" must be a string or null, not {Show(node)}.");
    }

    private static DateTimeOffset Timestamp(JsonObject obj, string name)
    {
        var text = RequiredString(obj, name);
        if (DateTimeOffset.TryParseExact(
                text, AuditRecord.TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw new FormatException($"\"{name}\" must be a UTC time like \"2024-05-16T09:30:00.000000Z\" (six fraction digits), not \"{text}\".");
    }

    private static string Hash(JsonObject obj, string name)
    {
        var text = obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        return AuditChain.IsHash(text)
            ? text!
            : throw new FormatException($"\"{name}\" must be 64 lower-case hex digits, not {Show(obj[name])}.");
    }

    private static string Show(JsonNode? node)
    {
        string text;
        try
        {
            text = node?.ToJsonString() ?? "null";
        }
        catch (InvalidOperationException)
        {
            text = "a string that is not valid text";
        }

        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }
}
