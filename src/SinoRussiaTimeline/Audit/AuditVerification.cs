namespace SinoRussiaTimeline.Audit;

/// <summary>The answer of <c>GET /api/audit/verify</c>.</summary>
/// <param name="Valid">True when every chained event still hashes to its link and every link follows the one before.</param>
/// <param name="EventsChecked">Events recomputed.</param>
/// <param name="HeadSequence">The last chained event checked.</param>
/// <param name="HeadHash">Its hash.</param>
/// <param name="FirstBadSequence">The first event whose stored content or link does not match, if any.</param>
/// <param name="Problem">What did not match, in a sentence.</param>
/// <param name="UnchainedEvents">Events recorded but not yet reached by the chain (it runs asynchronously).</param>
public sealed record ChainVerification(bool Valid, long EventsChecked, long HeadSequence, string HeadHash, long? FirstBadSequence, string? Problem, long UnchainedEvents);

public static class AuditVerification
{
    /// <summary>Recomputes the chain over the stored events and reports the first mismatch.</summary>
    public static async Task<ChainVerification> VerifyStoredAsync(AuditLog log, CancellationToken ct)
    {
        long checkedCount = 0, unchained = 0, headSequence = 0;
        var previous = AuditChain.Genesis;
        await foreach (var (record, storedPrevious, storedHash) in log.ReadAsync(0, null, chainedOnly: false, ct))
        {
            if (storedHash is null)
            {
                unchained++;
                continue;
            }
            if (unchained > 0)
                return Bad(record.Sequence, "This event is chained although an earlier one is not: the chain has a gap.");
            if (storedPrevious != previous)
                return Bad(record.Sequence, "Its link does not follow the previous event's hash: an event before it was removed or altered.");
            if (AuditChain.Link(previous, record) != storedHash)
                return Bad(record.Sequence, "Its stored content no longer hashes to the hash chained when it was recorded: the row was altered.");
            previous = storedHash;
            headSequence = record.Sequence;
            checkedCount++;
        }
        return new ChainVerification(true, checkedCount, headSequence, previous, null, null, unchained);

        ChainVerification Bad(long sequence, string problem) => new(false, checkedCount, headSequence, previous, sequence, problem, unchained);
    }
}
