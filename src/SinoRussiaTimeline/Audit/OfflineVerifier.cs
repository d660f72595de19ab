using System.Text.Json;
using System.Text.Json.Nodes;

namespace SinoRussiaTimeline.Audit;

/// <summary>What <see cref="OfflineVerifier.VerifyAsync"/> found.</summary>
/// <param name="Valid">Whether every line verified and, when one was expected, the head hash matched.</param>
/// <param name="EventsChecked">How many lines verified before the first problem (all of them when valid).</param>
/// <param name="LastSequence">The sequence of the last line that verified.</param>
/// <param name="HeadHash">The hash of the last line that verified: the head of the chain as far as it holds.</param>
/// <param name="FirstBadSequence">The sequence of the first line found wrong (for a wrong head hash: the last sequence); null when valid or when the bad line has no readable sequence.</param>
/// <param name="Problem">What is wrong, naming the line number and the sequence; null when valid.</param>
public sealed record VerificationResult(bool Valid, long EventsChecked, long? LastSequence, string? HeadHash, long? FirstBadSequence, string? Problem);

/// <summary>Checks an NDJSON audit export without the database, recomputing every hash of the chain.</summary>
public static class OfflineVerifier
{
    /// <summary>
    /// Reads NDJSON lines (as exported by GET /api/audit/events, possibly starting after some sequence: then the first
    /// line's previousHash is trusted as the starting point unless <paramref name="startingHash"/> is given) and recomputes
    /// every hash. Reports the first line whose sequence does not increase, whose hash does not match its content, or
    /// whose previousHash is not the previous line's hash; then checks the final hash equals
    /// <paramref name="expectedHeadHash"/> when one is given. Blank lines are skipped (but counted in line numbers).
    /// </summary>
    /// <param name="ndjson">The export, one audit line per line.</param>
    /// <param name="expectedHeadHash">The head hash the log is known to have (e.g. published or notarised), or null.</param>
    /// <param name="startingHash">The hash the first line must link to (<see cref="AuditChain.Genesis"/> for a full export), or null to trust the first line.</param>
    /// <param name="ct">Stops reading.</param>
    /// <exception cref="ArgumentException">A given hash is not 64 hex digits.</exception>
    public static async Task<VerificationResult> VerifyAsync(
        TextReader ndjson, string? expectedHeadHash, string? startingHash = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ndjson);
        expectedHeadHash = NormaliseHash(expectedHeadHash, nameof(expectedHeadHash));
        startingHash = NormaliseHash(startingHash, nameof(startingHash));

        long checkedCount = 0;
        long? lastSequence = null;
        string? head = null;
        var lineNumber = 0L;

        VerificationResult Bad(long? sequence, string problem) => new(false, checkedCount, lastSequence, head, sequence, problem);

        while (await ndjson.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            AuditRecord record;
            string previousHash;
            string hash;
            try
            {
                (record, previousHash, hash) = AuditLine.Parse(line);
            }
            catch (FormatException e)
            {
                var sequence = TryReadSequence(line);
                var where = sequence is { } s ? $"Line {lineNumber} (sequence {s})" : $"Line {lineNumber}";
                var after = lastSequence is { } last ? $" (the last good line before it has sequence {last})" : "";
                return Bad(sequence, $"{where} is malformed{after}: {e.Message}");
            }

            var seq = record.Sequence;
            if (lastSequence is { } previousSequence && seq <= previousSequence)
            {
                return Bad(seq, $"Line {lineNumber}: sequence {seq} does not increase on the sequence {previousSequence} of the line before; lines were moved or repeated.");
            }

            var recomputed = AuditChain.Link(previousHash, record);
            if (recomputed != hash)
            {
                return Bad(seq, $"Line {lineNumber}: the content of sequence {seq} does not match its hash (the line says {hash}, its content hashes to {recomputed}); the event was altered after it was hashed.");
            }

            if (head is not null && previousHash != head)
            {
                return Bad(seq, $"Line {lineNumber}: the previousHash of sequence {seq} is {previousHash}, but the line before (sequence {lastSequence}) has hash {head}; a line was deleted, inserted or moved just before sequence {seq}.");
            }

            if (head is null && startingHash is not null && previousHash != startingHash)
            {
                return Bad(seq, $"Line {lineNumber}: the previousHash of sequence {seq} is {previousHash}, but the export should start from {startingHash}; lines are missing before sequence {seq} or the chain was rewritten.");
            }

            checkedCount++;
            lastSequence = seq;
            head = hash;
        }

        if (expectedHeadHash is not null)
        {
            if (head is null)
            {
                var emptyHead = startingHash ?? AuditChain.Genesis;
                if (emptyHead != expectedHeadHash)
                {
                    return Bad(null, $"The export has no events, so its head is {emptyHead}, but the expected head hash is {expectedHeadHash}; the events are missing.");
                }
            }
            else if (head != expectedHeadHash)
            {
                return Bad(lastSequence, $"The export ends at sequence {lastSequence} with hash {head}, but the expected head hash is {expectedHeadHash}; events after sequence {lastSequence} are missing, or the chain was rewritten.");
            }
        }

        return new VerificationResult(true, checkedCount, lastSequence, head ?? startingHash, null, null);
    }

    private static string? NormaliseHash(string? hash, string parameter)
    {
        if (hash is null)
        {
            return null;
        }

        var lower = hash.ToLowerInvariant();
        return AuditChain.IsHash(lower) ? lower : throw new ArgumentException($"A hash is 64 hex digits, not \"{hash}\".", parameter);
    }

    /// <summary>The integer "sequence" of a line that is JSON but otherwise malformed, so the report can name it.</summary>
    private static long? TryReadSequence(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject obj && obj.TryGetPropertyValue("sequence", out var node)
                   && node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var sequence)
                ? sequence
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null; // a repeated member name
        }
    }
}
