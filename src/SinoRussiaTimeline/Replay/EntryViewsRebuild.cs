using JasperFx.Events;
using Marten;
using Marten.Linq.MatchesSql;
using Npgsql;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Replay;

/// <summary>
/// Rebuilds the entries' two views (<see cref="TimelineEntry"/>, <see cref="EntryRevision"/>) from the log, each in a
/// transaction of its own on its own connection, written at the same time and committed together at the end: writes each
/// into a fresh table that replaces the live one at the end (<see cref="FreshViewTable{T}"/>), reads the entries' streams
/// a page at a time in (stream, version) order, builds each stream's current entry and every revision with the same pure
/// builders the inline projections run (<see cref="EntryDocuments"/>; a revision's RecordedUntil is the stream's next
/// event's timestamp, as the inline projection's patch sets it), and writes them with Marten's COPY row writer. A failure
/// rolls both transactions back and leaves the old views; readers keep reading the old views until the commits. Memory
/// holds one page of streams, never the whole log. Marten's own rebuild of these two projections upserts one document per
/// event through a plpgsql function (and patches the previous revision), which is what made it slow (docs/performance.md,
/// "Bulk import and rebuild by COPY").
/// </summary>
public static class EntryViewsRebuild
{
    /// <summary>Streams read per query: enough that a round trip serves thousands of events, small enough to stay a few MB.</summary>
    public const int DefaultStreamsPerPage = 5_000;

    /// <summary>
    /// The names under which Marten's daemon records the progress of a rebuild of the two projections (shard "All" of
    /// each; seen in mt_event_progression while one runs): the aggregate's type name for a single-stream projection, the
    /// projection's full type name for an event projection.
    /// </summary>
    public static readonly string[] ProgressionNames = [$"{nameof(TimelineEntry)}:All", $"{typeof(EntryRevisionProjection).FullName}:All"];

    /// <summary>Rebuilds both views; returns how many events of entries it replayed.</summary>
    public static async Task<long> RebuildAsync(IDocumentStore store, NpgsqlDataSource dataSource, CancellationToken ct, int streamsPerPage = DefaultStreamsPerPage)
    {
        var schema = store.Options.DatabaseSchemaName;
        var entryStreamType = ((DocumentStore)store).Events.AggregateAliasFor(typeof(TimelineEntry));

        // Each view is written into a fresh table of its own (FreshViewTable), on a connection and transaction of its own,
        // so PostgreSQL works on both at once. Both commit only once both are written, indexed and swapped in, one right
        // after the other; a failure before that rolls both back and leaves the old views. (Between the two commits, a few
        // milliseconds, a reader can see new entries beside the old revisions: a rebuild runs while no one writes, and
        // both are rebuilt from the same log.)
        await using var entriesTable = await FreshViewTable.BeginAsync<TimelineEntry>(store, dataSource, ct);
        await using var revisionsTable = await FreshViewTable.BeginAsync<EntryRevision>(store, dataSource, ct);

        long events = 0;
        string? after = null;
        // Reading page n+1 overlaps with writing page n: the reads are Marten's event deserialisation, the writes the
        // documents' serialisation and COPY, and the machine has cores for both.
        var next = ReadPageAsync(store, dataSource, schema, entryStreamType, after, streamsPerPage, ct);
        try
        {
            while (true)
            {
                var page = await next;
                if (page.Count == 0) break;
                after = page[^1].StreamKey;
                next = ReadPageAsync(store, dataSource, schema, entryStreamType, after, streamsPerPage, ct);
                var (current, history) = Build(page);
                await Task.WhenAll(entriesTable.CopyAsync(current, ct), revisionsTable.CopyAsync(history, ct));
                events += page.Count;
            }
        }
        catch
        {
            // A failed write leaves a read in flight: let it end (its failure, if any, is not the one to report).
            try { await next; } catch { /* the first failure is rethrown below */ }
            throw;
        }
        // Each index built once over every row, both tables at once (an index build is one backend's work).
        await Task.WhenAll(entriesTable.BuildIndexesAsync(ct), revisionsTable.BuildIndexesAsync(ct));
        // Marten's daemon, once it has rebuilt an inline projection, keeps no progression row for it (BulkPathTests checks
        // this); a row left by an interrupted daemon rebuild would claim a position these views no longer reflect. Such
        // rows go, in the entries' transaction, so Marten's bookkeeping is what its own completed rebuild leaves.
        await using (var progress = new NpgsqlCommand($"delete from {schema}.mt_event_progression where name = any($1)", entriesTable.Connection, entriesTable.Transaction))
        {
            progress.Parameters.Add(new NpgsqlParameter { Value = ProgressionNames });
            await progress.ExecuteNonQueryAsync(ct);
        }
        await Task.WhenAll(entriesTable.SwapAsync(ct), revisionsTable.SwapAsync(ct));
        await entriesTable.Transaction.CommitAsync(ct);
        await revisionsTable.Transaction.CommitAsync(ct);
        return events;
    }

    /// <summary>
    /// The documents of whole streams, given their events in (stream, version) order: the entry as of each stream's last
    /// event, and a revision per event closed at the next event's timestamp.
    /// </summary>
    public static (List<TimelineEntry> Entries, List<EntryRevision> Revisions) Build(IReadOnlyList<IEvent> ordered)
    {
        var current = new List<TimelineEntry>();
        var history = new List<EntryRevision>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            var next = i + 1 < ordered.Count && ordered[i + 1].StreamKey == e.StreamKey ? ordered[i + 1] : null;
            history.Add(EntryDocuments.RevisionOf(e, next?.Timestamp));
            if (next is null) current.Add(EntryDocuments.Of<TimelineEntry>(e));
        }
        return (current, history);
    }

    // A page of entry streams (keyset on the stream id, from mt_streams) and then their events through Marten, so the
    // events are deserialised exactly as everywhere else. The stream ids come first because a page must hold whole
    // streams: a stream split between two pages would lose its revisions' RecordedUntil at the split.
    private static async Task<IReadOnlyList<IEvent>> ReadPageAsync(
        IDocumentStore store, NpgsqlDataSource dataSource, string schema, string streamType, string? after, int streamsPerPage, CancellationToken ct)
    {
        var ids = new List<string>(streamsPerPage);
        await using (var command = dataSource.CreateCommand(
            $"select id from {schema}.mt_streams where type = $1 and ($2::varchar is null or id > $2) order by id limit {streamsPerPage}"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamType });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        }
        if (ids.Count == 0) return [];
        await using var query = store.QuerySession();
        return await query.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.IsOneOf(ids))
            .OrderBy(e => e.StreamKey).ThenBy(e => e.Version)
            .ToListAsync(ct);
    }
}
