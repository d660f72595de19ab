using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Npgsql;

namespace SinoRussiaTimeline.Audit;

/// <summary>
/// The event log and its hash chain, read straight from the tables. The audit trail reads the stored rows, never
/// re-serialised objects, so what is hashed, exported and verified is exactly what PostgreSQL holds.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, string schema)
{
    public string Schema { get; } = schema;

    private string Events => $"\"{Schema}\".mt_events";

    private string Chain => $"\"{Schema}\".audit_chain";

    /// <summary>The chain's table and the guard that makes the event table append-only, created idempotently at start.</summary>
    public string SetupSql => $"""
        create table if not exists {Chain} (
            seq_id bigint primary key,
            previous_hash char(64) not null,
            hash char(64) not null);

        -- The log is append-only: no row of it is ever updated or deleted, whoever asks (superusers too, unless they
        -- deliberately disable the trigger). Corrections are new events.
        create or replace function "{Schema}".refuse_history_rewrite() returns trigger language plpgsql as $fn$
        begin
            raise exception 'The event log is append-only: % on %.% is refused. Corrections are new events.', tg_op, tg_table_schema, tg_table_name
                using errcode = 'insufficient_privilege';
        end
        $fn$;

        drop trigger if exists append_only_rows on {Events};
        create trigger append_only_rows before update or delete on {Events}
            for each row execute function "{Schema}".refuse_history_rewrite();
        drop trigger if exists append_only_truncate on {Events};
        create trigger append_only_truncate before truncate on {Events}
            for each statement execute function "{Schema}".refuse_history_rewrite();

        drop trigger if exists append_only_rows on {Chain};
        create trigger append_only_rows before update or delete on {Chain}
            for each row execute function "{Schema}".refuse_history_rewrite();
        drop trigger if exists append_only_truncate on {Chain};
        create trigger append_only_truncate before truncate on {Chain}
            for each statement execute function "{Schema}".refuse_history_rewrite();
        """;

    public async Task SetupAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(SetupSql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private string SelectRecords => $"""
        select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.user_name, e.correlation_id, e.data::text
        from {Events} e
        """;

    /// <summary>Events after a sequence, in order, with their chain links (null where the chain has not reached them yet).</summary>
    public async IAsyncEnumerable<(AuditRecord Record, string? PreviousHash, string? Hash)> ReadAsync(
        long after, long? limit, bool chainedOnly, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            {SelectRecords.Replace("e.data::text", "e.data::text, c.previous_hash, c.hash", StringComparison.Ordinal)}
            {(chainedOnly ? "join" : "left join")} {Chain} c on c.seq_id = e.seq_id
            where e.seq_id > @after
            order by e.seq_id
            {(limit is null ? "" : "limit @limit")}
            """, connection);
        command.Parameters.AddWithValue("after", after);
        if (limit is not null) command.Parameters.AddWithValue("limit", limit.Value);
        // Rows are streamed: memory stays flat however long the log is. With sequential access a column may still be on
        // the wire when it is read, so every column is read asynchronously: a synchronous read would block its thread on
        // the socket (and, were socket continuations run inline, the very thread that must deliver the bytes; see
        // docs/performance.md, "Inline socket completions").
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var record = new AuditRecord(
                await reader.GetFieldValueAsync<long>(0, ct),
                await reader.GetFieldValueAsync<string>(1, ct),
                await reader.GetFieldValueAsync<long>(2, ct),
                await reader.GetFieldValueAsync<string>(3, ct),
                await reader.GetFieldValueAsync<DateTimeOffset>(4, ct),
                await NullableStringAsync(reader, 5, ct),
                await NullableStringAsync(reader, 6, ct),
                JsonNode.Parse(await reader.GetFieldValueAsync<string>(7, ct)));
            var previous = await NullableStringAsync(reader, 8, ct);
            var hash = await NullableStringAsync(reader, 9, ct);
            yield return (record, previous, hash);
        }
    }

    private static async Task<string?> NullableStringAsync(NpgsqlDataReader reader, int ordinal, CancellationToken ct) =>
        await reader.IsDBNullAsync(ordinal, ct) ? null : await reader.GetFieldValueAsync<string>(ordinal, ct);

    /// <summary>Events in (floor, ceiling], for the chain builder.</summary>
    public async Task<List<AuditRecord>> ReadRangeAsync(long floor, long ceiling, CancellationToken ct)
    {
        var records = new List<AuditRecord>();
        await foreach (var (record, _, _) in ReadAsync(floor, ceiling - floor, chainedOnly: false, ct))
        {
            if (record.Sequence > ceiling) break;
            records.Add(record);
        }
        return records;
    }

    /// <summary>The last link before a sequence: where the chain continues from.</summary>
    public async Task<string> HashBeforeAsync(long sequence, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select hash from {Chain} where seq_id < @seq order by seq_id desc limit 1");
        command.Parameters.AddWithValue("seq", sequence);
        return await command.ExecuteScalarAsync(ct) as string ?? AuditChain.Genesis;
    }

    /// <summary>How many events the chain has not reached yet, and when the oldest of them was recorded.</summary>
    public async Task<(long Count, DateTimeOffset? Oldest)> UnchainedAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select count(*), min(e.timestamp) from {Events} e
            where e.seq_id > coalesce((select max(seq_id) from {Chain}), 0)
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), await reader.IsDBNullAsync(1, ct) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public string InsertLinkSql => $"insert into {Chain} (seq_id, previous_hash, hash) values (?, ?, ?) on conflict (seq_id) do nothing";

    public async Task<AuditHead> HeadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select (select max(seq_id) from {Events}),
                   (select count(*) from {Chain}),
                   c.seq_id, c.hash
            from (select 1) one left join (select seq_id, hash from {Chain} order by seq_id desc limit 1) c on true
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var latest = await reader.IsDBNullAsync(0, ct) ? 0 : reader.GetInt64(0);
        var chained = reader.GetInt64(1);
        var sequence = await reader.IsDBNullAsync(2, ct) ? 0 : reader.GetInt64(2);
        var hash = await reader.IsDBNullAsync(3, ct) ? AuditChain.Genesis : reader.GetString(3);
        return new AuditHead(sequence, hash, chained, latest);
    }
}

/// <summary>The chain's head.</summary>
/// <param name="Sequence">Sequence of the last chained event (0 when the log is empty).</param>
/// <param name="Hash">Its chain hash: publish it, and any later export can be checked against it.</param>
/// <param name="EventsChained">How many events the chain covers.</param>
/// <param name="LatestSequence">The latest event in the log; ahead of Sequence while the chain catches up.</param>
public sealed record AuditHead(long Sequence, string Hash, long EventsChained, long LatestSequence);
