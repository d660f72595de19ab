using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Internal.Storage;
using Marten.Schema.BulkLoading;
using Marten.Storage;
using Npgsql;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Writes;

/// <summary>
/// Writes decided new entries in bulk, in the caller's transaction: the batch's events, streams and entry documents
/// (<see cref="TimelineEntry"/>; a new entry has no replaced version, so no <see cref="EntryRevision"/>), so a crash or a
/// failure leaves whole batches or nothing, never events without their view. The path of every new entry: the API's (<see cref="GroupCommit"/>) and the seed's;
/// the rebuild writes its documents into fresh tables with the same loaders' row writer (Replay/FreshViewTable.cs).
/// <para>
/// The events go through a session of a second, projection-free <see cref="DocumentStore"/> configured like the
/// service's (<see cref="MartenSetup.ConfigureEventLog"/>), joined to the batch's transaction: the rows, metadata
/// (correlation id, user, timestamps of the recorded clock, Rich sequence and version) and stream headers are exactly
/// what the API appends, without the inline projections' per-document upsert functions and per-stream machinery. The
/// documents are then built in memory by the same pure builders the inline projections run
/// (<see cref="EntryDocuments"/>) and written by Marten's own COPY loader for each document type, on the same connection
/// and transaction. Marten's <c>BulkInsertEventsAsync</c> and <c>BulkInsertAsync</c> would each open a connection and
/// transaction of their own, so a batch could then be half written.
/// </para>
/// </summary>
public sealed class BulkEntryWriter : IDisposable
{
    private readonly IDocumentStore _store;
    private readonly Lazy<DocumentStore> _eventsOnly;

    public BulkEntryWriter(IDocumentStore store, NpgsqlDataSource dataSource)
    {
        _store = store;
        var schema = store.Options.DatabaseSchemaName;
        _eventsOnly = new Lazy<DocumentStore>(() => DocumentStore.For(options =>
        {
            MartenSetup.ConfigureEventLog(options, dataSource, schema);
            // The service's store applies the schema at start-up; this one only appends to it.
            options.AutoCreateSchemaObjects = AutoCreate.None;
        }));
    }

    /// <summary>
    /// Appends one stream per entry (its first event, the entry's state) and the entry's document inside
    /// <paramref name="transaction"/>, each event with its entry's own correlation id and recorder (a group commit's batch
    /// serves many requests; a seed batch has one of each); the caller commits.
    /// Returns the events as stored, in the order given.
    /// </summary>
    public async Task<IReadOnlyList<IEvent>> AppendAsync(NpgsqlTransaction transaction, IReadOnlyCollection<NewEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return [];
        var events = new List<IEvent>(entries.Count);
        await using (var session = _eventsOnly.Value.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            foreach (var entry in entries)
            {
                var recorded = session.Events.StartStream<TimelineEntry>(entry.EntryId, entry.State).Events.Single();
                recorded.CorrelationId = entry.CorrelationId;
                recorded.UserName = entry.RecordedBy;
                events.Add(recorded);
            }
            await session.SaveChangesAsync(ct);
            // Rich appends stamp sequence, version and timestamp on the events before writing them: the documents below
            // carry the very values stored.
        }

        var connection = transaction.Connection!;
        await CopyAsync(_store, connection, events.Select(EntryDocuments.Of<TimelineEntry>), ct);
        return events;
    }

    /// <summary>
    /// Writes documents with Marten's COPY loader for their type (the columns, duplicated fields and metadata it writes for
    /// any document), on <paramref name="connection"/> and in its transaction. Inserts only: a row already there fails the
    /// COPY, and with it the transaction. The seed's batches write through here.
    /// </summary>
    public static Task CopyAsync<T>(IDocumentStore store, NpgsqlConnection connection, IEnumerable<T> documents, CancellationToken ct) where T : notnull
    {
        var (loader, tenant) = CopyLoaderFor<T>(store);
        return loader.LoadAsync(tenant, store.Options.Serializer(), connection, documents, ct);
    }

    /// <summary>
    /// Marten's COPY loader for a document type and the default tenant it writes for: the seed's batches load through it,
    /// the rebuild writes its fresh tables with its row writer (Replay/FreshViewTable.cs).
    /// </summary>
    public static (IBulkLoader<T> Loader, Tenant Tenant) CopyLoaderFor<T>(IDocumentStore store) where T : notnull
    {
        var database = store.Storage.Database;
        var provider = (MartenDocumentProvider<T>)database.Providers.StorageFor<T>();
        return (provider.BulkLoader, new Tenant(StorageConstants.DefaultTenantId, database));
    }

    public void Dispose()
    {
        if (_eventsOnly.IsValueCreated) _eventsOnly.Value.Dispose();
    }
}

/// <summary>A decided new entry for <see cref="BulkEntryWriter"/>: its id, its first event, and who recorded it in which request.</summary>
public sealed record NewEntry(string EntryId, object State, string CorrelationId, string RecordedBy);
