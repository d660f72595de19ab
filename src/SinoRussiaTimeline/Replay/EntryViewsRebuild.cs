using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Replay;

/// <summary>
/// Rebuilds the entries' two views (<see cref="TimelineEntry"/>, <see cref="EntryRevision"/>) from the log, each in a
/// transaction of its own on its own connection, written at the same time and committed together at the end: writes each
/// into a fresh table that replaces the live one at the end (<see cref="FreshViewTable{T}"/>), reads the entries' streams
/// a page at a time in (stream, version) order, builds each stream's current entry and a revision of every version a later
/// one replaced with the same pure builders the inline projections run (<see cref="EntryDocuments"/>; a revision's
/// RecordedUntil is the stream's next event's timestamp, as the inline projection sets it), and writes them with Marten's COPY row writer. A failure
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
        // Reading page n+1 overlaps with writing page n: the reads are the events' deserialisation, the writes the
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
    /// event, and a revision of every earlier event's version, closed at the next event's timestamp.
    /// </summary>
    public static (List<TimelineEntry> Entries, List<EntryRevision> Revisions) Build(IReadOnlyList<IEvent> ordered)
    {
        var current = new List<TimelineEntry>(ordered.Count);
        var history = new List<EntryRevision>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            var next = i + 1 < ordered.Count && ordered[i + 1].StreamKey == e.StreamKey ? ordered[i + 1] : null;
            if (next is null) current.Add(EntryDocuments.Of<TimelineEntry>(e));
            else history.Add(EntryDocuments.RevisionOf(e, next.Timestamp));
        }
        return (current, history);
    }

    // A page of whole entry streams, in (stream, version) order, in one statement: the page's stream ids (keyset on the id,
    // from mt_streams) select their events. A page must hold whole streams: a stream split between two pages would lose its
    // revisions' RecordedUntil at the split. The events are read here rather than through Marten's event query: the same
    // bodies through the store's own serializer into the types Marten maps them to (EventMapping.Wrap), with the four
    // metadata the builders read (stream, version, sequence, timestamp). Over the bench's store Marten's query cost about
    // twice the CPU on both sides (its separate id query, its wider rows, its per-event metadata), measured in
    // docs/performance.md, "Rebuild: the events read directly".
    private static async Task<IReadOnlyList<IEvent>> ReadPageAsync(
        IDocumentStore store, NpgsqlDataSource dataSource, string schema, string streamType, string? after, int streamsPerPage, CancellationToken ct)
    {
        var events = new List<IEvent>(streamsPerPage + streamsPerPage / 4);
        var serializer = store.Options.Serializer();
        var mappings = new Dictionary<string, EventMapping>();
        await using var command = dataSource.CreateCommand($"""
            select e.stream_id, e.version, e.seq_id, e.timestamp, e.type, e.data, e.mt_dotnet_type
            from {schema}.mt_events e
            where e.stream_id in (
                select s.id from {schema}.mt_streams s where s.type = $1 and ($2::varchar is null or s.id > $2) order by s.id limit {streamsPerPage})
            order by e.stream_id, e.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamType });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var alias = reader.GetString(4);
            if (!mappings.TryGetValue(alias, out var mapping))
                mappings[alias] = mapping = MappingFor(store, alias, reader.GetString(6));
            var e = mapping.Wrap(serializer.FromJson(mapping.DocumentType, reader, 5));
            e.StreamKey = reader.GetString(0);
            e.Version = reader.GetInt64(1);
            e.Sequence = reader.GetInt64(2);
            e.Timestamp = reader.GetFieldValue<DateTimeOffset>(3);
            events.Add(e);
        }
        return events;
    }

    // The type an alias stands for, found as Marten finds it when it reads an event: the mapping registered under the
    // alias, else the .NET type recorded with the event (a process that has not met the type yet, as the rebuild verb's).
    // An event neither names stops the rebuild with both names, as Marten's UnknownEventTypeException would.
    private static EventMapping MappingFor(IDocumentStore store, string alias, string dotnetType)
    {
        var events = ((DocumentStore)store).Events;
        var type = events.AllKnownEventTypes().FirstOrDefault(t => t.EventTypeName == alias)?.EventType
            ?? Type.GetType(dotnetType)
            ?? throw new InvalidOperationException(
                $"The event type '{alias}' is not one this build knows, and its recorded .NET type '{dotnetType}' is not in this build.");
        return events.EventMappingFor(type);
    }
}
