namespace SinoRussiaTimeline.Idempotency;

/// <summary>
/// A write made with an <c>Idempotency-Key</c>: what was asked (enough to tell a retry from a different request) and the
/// answer given, byte for byte, so a retry gets the same answer. Stored in the transaction that appended the write's
/// events, so one never exists without the other. Kept indefinitely: a retry is safe however late it comes.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary><see cref="IdempotencyKey.RecordId"/> of the caller, method, route and key.</summary>
    public string Id { get; set; } = "";

    /// <summary>Who sent the key (the recorder of the events).</summary>
    public string Caller { get; set; } = "";

    public string Method { get; set; } = "";

    /// <summary>The route template, such as <c>/api/entries/{id}/corrections</c>.</summary>
    public string Route { get; set; } = "";

    // What was asked.
    public string Path { get; set; } = "";

    public string? IfMatch { get; set; }

    /// <summary>SHA-256 of the request body's bytes, in lower-case hex.</summary>
    public string BodySha256 { get; set; } = "";

    // The answer.
    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public string? ContentType { get; set; }

    public byte[] Body { get; set; } = [];

    // When and under which correlation id the write was made, to find its events.
    public DateTimeOffset RecordedAt { get; set; }

    public string CorrelationId { get; set; } = "";
}
