using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using Npgsql;
using SinoRussiaTimeline.Corrections;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Observability;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Resilience;

namespace SinoRussiaTimeline.Writes;

/// <summary>Settings under <c>Timeline:Writes</c>.</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Timeline:Writes";

    /// <summary>Coalesce concurrent recordings into one transaction (on by default); off records each in its own.</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>At most this many recordings share one transaction.</summary>
    public int MaxBatch { get; set; } = 128;

    /// <summary>
    /// Transactions in flight at once. A batch spends much of its time waiting, not working: about eight round trips
    /// to PostgreSQL and its commit's WAL flush (an fdatasync of about 2.4 ms on the bench machine's disk). With two
    /// writers the cores sat partly idle at 32 clients; four overlap those waits (PostgreSQL flushes concurrent commits
    /// together) and stored about a fifth more visits per second on a million-entry store, for about 14% more of
    /// PostgreSQL's CPU per visit in smaller batches; eight cost more CPU for no further gain (docs/performance.md,
    /// "Writes: where a stored visit's time goes"). Batches of new entries lock no official and share no row, so more
    /// writers do not wait for each other (two batches meet only on the same supplied id).
    /// </summary>
    public int Writers { get; set; } = 4;
}

/// <summary>
/// The group commit's writers' own connection pool, on the service's connection string, with Npgsql's automatic preparation
/// on. A batch sends the same few statements every time (a row of <c>mt_events</c> and one of <c>mt_streams</c> per entry,
/// the officials' lookup, the sequence allocation), and PostgreSQL parsed, analysed and planned each one afresh: about a
/// fifth of its work for a stored visit (docs/performance.md, "Writes: where a stored visit's time goes"). Prepared once
/// per connection, they are only bound and executed. The service's own pool keeps preparation off: the timeline page's
/// generic plan is the wrong one (docs/performance.md, "One round trip per page"); no statement of a batch has a plan to
/// get wrong (inserts, and lookups by primary key).
/// </summary>
public sealed class GroupCommitConnections : IAsyncDisposable
{
    public GroupCommitConnections(IConfiguration configuration, GroupCommitOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(MartenSetup.ConnectionString(configuration)) { Name = "group-commit" };
        // Room for every statement a batch sends; each is prepared at its second use on a connection.
        builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        // Bounded by the writers, not by the connection string's Maximum Pool Size (that one sizes the service's own pool):
        // a node opens at most that many more connections, which the database's max_connections must allow for
        // (docs/deployment.md, "Connection pool sizing").
        builder.ConnectionStringBuilder.MaxPoolSize = MaxConnections(options);
        DataSource = builder.Build();
    }

    /// <summary>
    /// The writers' pool's size: a connection per writer, and one more each for the retry of a batch whose connection went
    /// stale, which opens its fresh connection while the stale one is still held.
    /// </summary>
    public static int MaxConnections(GroupCommitOptions options) => 2 * options.Writers;

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>
/// Group commit of new entries (<c>POST /api/visits</c>, <c>/api/arms-deliveries</c>, <c>/api/joint-statements</c>).
/// Each request validates its command on its own thread, then hands it here and waits. A writer takes every recording
/// waiting at that moment and, in one transaction: finds any supplied id already taken (one round trip), loads every
/// official they name (one), decides each command alone (a command that breaks a rule fails alone, with the same error
/// as before), and stores the accepted ones through <see cref="BulkEntryWriter"/>, the seed's path: the events through
/// Marten's append, each with its own request's correlation id and recorder, and the entries' two views by COPY, built
/// by the same pure builders as the inline projections (<see cref="EntryDocuments"/>). Against Marten's per-document
/// upserts through the inline projections this stored about 1.5 times the visits per second at 32 clients
/// (docs/performance.md, "Writes: the batch stored as the seed stores it").
/// No row of the officials is locked: no view gathers events of several streams into one document any more
/// (itineraries are computed when read), officials are never deleted and never change country, and a concurrent office
/// cannot invalidate a visit; so concurrent batches naming the same official do not wait for each other. It commits, and
/// only then answers each request, so a 201 still means the entry is in every view.
/// </summary>
/// <remarks>
/// Per request this replaces about nine round trips and one commit with a share of about seven round trips and one
/// commit per batch (docs/performance-writes.md has the measurements; docs/adr/0006-group-commit.md the decision).
/// If the batch's commit fails for any reason other than a database outage (a supplied id taken by a concurrent writer
/// outside the batch, say), each of its recordings is retried alone, so one bad command cannot fail the others. An outage
/// fails the whole batch, and each request's <see cref="WriteProgress"/> says what the client learns: nothing recorded if
/// the failure came before the batch was sent, "unknown" if it came during the commit. Writes that carry an
/// Idempotency-Key keep the per-request path: their key must commit in the request's own transaction.
/// </remarks>
public sealed partial class GroupCommit : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly BulkEntryWriter _writer;
    private readonly GroupCommitConnections _connections;
    private readonly GroupCommitOptions _options;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Channel<PendingRecording> _queue = Channel.CreateUnbounded<PendingRecording>();
    private readonly Lock _gate = new();
    private Task[]? _writers;

    public GroupCommit(IDocumentStore store, BulkEntryWriter writer, GroupCommitConnections connections, GroupCommitOptions options, ILogger<GroupCommit> logger)
    {
        _store = store;
        _writer = writer;
        _connections = connections;
        _options = options;
        _logger = logger;
    }

    public bool Enabled => _options.GroupCommit;

    /// <summary>Recordings waiting for a writer now.</summary>
    public int Waiting => _queue.Reader.Count;

    /// <summary>Transactions committed so far, and the most recordings one of them held (for tests and measurements).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public int LargestBatch => Volatile.Read(ref _largestBatch);

    private long _batches;
    private int _largestBatch;

    /// <summary>Records the command in the next batch; completes once that batch is committed (or this command failed).</summary>
    public Task<EntryResponse> RecordAsync<TCommand, TState>(EntryKindDefinition<TCommand, TState> kind, TCommand command, Guid? suppliedId,
        CorrelationContext correlation, WriteProgress? progress)
        where TCommand : class, Mediator.ICommand<EntryResponse>
        where TState : class
    {
        EnsureStarted();
        var pending = new PendingRecording<TCommand, TState>(kind, command, suppliedId, correlation.Id, correlation.RecordedBy, progress, Activity.Current);
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The service is shutting down; send the write again.");
        return pending.Answer.Task;
    }

    private void EnsureStarted()
    {
        if (_writers is not null) return;
        lock (_gate)
        {
            if (_writers is not null) return;
            // Started without the first request's execution context: its HttpContext and trace must not leak into every batch.
            using (ExecutionContext.SuppressFlow())
                _writers = Enumerable.Range(0, Math.Max(1, _options.Writers)).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingRecording>(_options.MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending)) batch.Add(pending);
            if (batch.Count == 0) continue;
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e)
            {
                // Anything the batch could not survive (an outage, mostly) is every request's answer.
                foreach (var pending in batch) pending.Answer.TrySetException(e);
            }
        }
    }

    private async Task CommitAsync(List<PendingRecording> batch)
    {
        var first = batch[0].Activity;
        using var activity = Telemetry.Source.StartActivity("GroupCommit", ActivityKind.Internal, first?.Context ?? default,
            links: batch.Skip(1).Where(p => p.Activity is not null).Select(p => new ActivityLink(p.Activity!.Context)));
        activity?.SetTag("timeline.batch.size", batch.Count);

        await CommitOnNewConnectionAsync(batch, mayRetry: true);
    }

    private async Task CommitOnNewConnectionAsync(List<PendingRecording> batch, bool mayRetry)
    {
        var ct = CancellationToken.None;
        await using var connection = await _connections.DataSource.OpenConnectionAsync(ct);
        try
        {
            await CommitOnAsync(connection, batch, ct);
        }
        catch (Exception e) when (mayRetry && Broke(connection) && !batch.Any(p => p.CommitBegan))
        {
            // The writers' pool is their own (GroupCommitConnections), so the outage handler that empties the service's
            // pool does not empty it: a connection that sat idle while PostgreSQL went away and came back breaks at its
            // first statement. Nothing of the batch had been sent for commit, so it is tried once more on a fresh
            // connection; if PostgreSQL is still away, that attempt fails at once and its failure is every answer.
            _connections.DataSource.Clear();
            var waiting = batch.Where(p => !p.Answer.Task.IsCompleted).ToList();
            LogBatchRetriedOnFreshConnection(_logger, waiting.Count, e);
            if (waiting.Count > 0) await CommitOnNewConnectionAsync(waiting, mayRetry: false);
        }
        catch (Exception e) when (!DatabaseFaults.IsUnavailable(e) && Broke(connection))
        {
            // A connection that broke mid-batch (a crash, a restart) can surface as another error: "transaction is already
            // completed" from Marten's retry, a duplicate key from a statement sent twice. It is an outage all the same,
            // and the requests are answered as for any outage (503, recorded no or unknown by how far each got).
            throw new NpgsqlException("The connection broke while a batch of recordings was being committed.",
                new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset));
        }
    }

    private static bool Broke(NpgsqlConnection connection) =>
        connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open;

    private async Task CommitOnAsync(NpgsqlConnection connection, List<PendingRecording> batch, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var taken = await LockAndFindTakenAsync(connection, transaction, batch, ct);

        IReadOnlyDictionary<string, Official> officials;
        await using (var lookup = _store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
            officials = await OfficialLookup.LoadAsync(lookup, batch.SelectMany(p => p.NamedOfficials()), ct);

        var accepted = new List<(PendingRecording Pending, NewEntry Entry)>(batch.Count);
        foreach (var pending in batch)
        {
            if (pending.IdSupplied && !taken.Add(pending.EntryId))
            {
                pending.Answer.TrySetException(new ResourceConflictException($"An entry with id '{pending.EntryId}' already exists."));
                continue;
            }
            try
            {
                // The batch serves many requests, so each event carries its own request's correlation id and recorder.
                accepted.Add((pending, new NewEntry(pending.EntryId, pending.Decide(officials), pending.CorrelationId, pending.RecordedBy)));
            }
            catch (Exception e)
            {
                pending.Answer.TrySetException(e);
            }
        }
        if (accepted.Count == 0) return;

        foreach (var (pending, _) in accepted) pending.MarkCommitBegan();
        IReadOnlyList<JasperFx.Events.IEvent> recorded;
        try
        {
            // The events through Marten's append, both views by COPY, in this transaction (Writes/BulkEntryWriter): a
            // COPY per view for the batch instead of an upsert per document (docs/performance.md, "Writes: the batch stored
            // as the seed stores it, and what this machine allows").
            recorded = await _writer.AppendAsync(transaction, accepted.Select(a => a.Entry).ToList(), ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (!DatabaseFaults.IsUnavailable(e))
        {
            if (accepted.Count == 1 || connection.State != System.Data.ConnectionState.Open) throw;
            LogBatchRetried(_logger, accepted.Count, e);
            await transaction.RollbackAsync(ct);
            foreach (var (pending, _) in accepted) await RecordAloneAsync(pending, ct);
            return;
        }

        Interlocked.Increment(ref _batches);
        for (var largest = _largestBatch; accepted.Count > largest; largest = _largestBatch)
            if (Interlocked.CompareExchange(ref _largestBatch, accepted.Count, largest) == largest) break;
        // Each answer is the entry as stored, built by the same pure builder from the event as appended (Rich appends
        // stamp its sequence, version and timestamp before writing it; BulkPathTests holds the builders to the rows the
        // inline projections store), so no query reads back what this batch just wrote.
        var names = officials.ToDictionary(o => o.Key, o => NamedOfficial.Of(o.Value), StringComparer.Ordinal);
        for (var i = 0; i < accepted.Count; i++)
        {
            var pending = accepted[i].Pending;
            pending.MarkCommitted();
            pending.Answer.TrySetResult(EntryPresenter.Present(EntryDocuments.Of<TimelineEntry>(recorded[i]), names));
        }
    }

    private Task<HashSet<string>> LockAndFindTakenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingRecording> batch, CancellationToken ct) =>
        BatchLocks.LockSuppliedIdsAndFindTakenAsync(connection, transaction, _store.Options.Events.DatabaseSchemaName,
            batch.Where(p => p.IdSupplied).Select(p => p.EntryId), ct);

    private async Task RecordAloneAsync(PendingRecording pending, CancellationToken ct)
    {
        try
        {
            await using var session = _store.LightweightSession();
            session.CorrelationId = pending.CorrelationId;
            session.LastModifiedBy = pending.RecordedBy;
            var answer = await pending.RecordAloneAsync(session, ct);
            pending.MarkCommitted();
            pending.Answer.TrySetResult(answer);
        }
        catch (Exception e)
        {
            pending.Answer.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Recordings already queued are still committed and answered; new ones are refused.
        _queue.Writer.TryComplete();
        if (_writers is { } writers) await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A group commit of {Count} recordings failed; recording each alone")]
    private static partial void LogBatchRetried(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} recordings lost its connection before its commit; trying once more on a fresh one")]
    private static partial void LogBatchRetriedOnFreshConnection(ILogger logger, int count, Exception exception);
}

/// <summary>A recording waiting for its batch, with everything about its request that the batch needs.</summary>
internal abstract class PendingRecording(string entryId, bool idSupplied, string correlationId, string recordedBy, WriteProgress? progress, Activity? activity)
{
    public string EntryId { get; } = entryId;
    public bool IdSupplied { get; } = idSupplied;
    public string CorrelationId { get; } = correlationId;
    public string RecordedBy { get; } = recordedBy;
    public Activity? Activity { get; } = activity;

    public TaskCompletionSource<EntryResponse> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The batch holding this recording has begun sending its writes: from here on a failure may hide a commit.</summary>
    public bool CommitBegan { get; private set; }

    public void MarkCommitBegan()
    {
        CommitBegan = true;
        if (progress is not null) progress.CommitBegan = true;
    }

    public void MarkCommitted()
    {
        if (progress is not null) progress.Committed = true;
    }

    public abstract IEnumerable<string> NamedOfficials();

    public abstract object Decide(IReadOnlyDictionary<string, Official> officials);

    /// <summary>The single-request path, in a session of its own.</summary>
    public abstract Task<EntryResponse> RecordAloneAsync(IDocumentSession session, CancellationToken ct);
}

internal sealed class PendingRecording<TCommand, TState>(
    EntryKindDefinition<TCommand, TState> kind, TCommand command, Guid? suppliedId, string correlationId, string recordedBy, WriteProgress? progress, Activity? activity)
    : PendingRecording(EntryIds.For(suppliedId), suppliedId is not null, correlationId, recordedBy, progress, activity)
    where TCommand : class, Mediator.ICommand<EntryResponse>
    where TState : class
{
    public override IEnumerable<string> NamedOfficials() => kind.NamedOfficials(command);

    public override object Decide(IReadOnlyDictionary<string, Official> officials) => kind.Decide(command, EntryId, officials);

    // The id is fixed when the recording is queued, so a retry alone records the entry under the same id.
    public override Task<EntryResponse> RecordAloneAsync(IDocumentSession session, CancellationToken ct) =>
        kind.RecordAsync(session, command, Guid.Parse(EntryId), ct);
}

/// <summary>The locks and checks that a batch of new entries with supplied ids takes in one round trip.</summary>
public static class BatchLocks
{
    /// <summary>Returns those of <paramref name="entryIds"/> that are already taken, after locking each for the transaction.</summary>
    public static async Task<HashSet<string>> LockSuppliedIdsAndFindTakenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IEnumerable<string> entryIds, CancellationToken ct)
    {
        var ids = entryIds.ToArray();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Length == 0) return taken;

        var streams = $"{schema}.mt_streams";
        await using var command = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // Two batches in flight could both find a supplied id free and both append it; the loser's failed append
                // would make Marten store a tombstone event. A transaction lock per supplied id, taken in key order (so two
                // batches cannot deadlock), makes the second batch wait and then see the first one's stream.
                new NpgsqlBatchCommand(
                    "select count(pg_advisory_xact_lock($1, k)) from (select distinct hashtext(id) as k from unnest($2::text[]) as id order by k) as keys")
                {
                    Parameters = { new() { Value = SuppliedIdLockClass }, new() { Value = ids } },
                },
                new NpgsqlBatchCommand($"select id from {streams} where id = any($1)") { Parameters = { new() { Value = ids } } },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) { }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) taken.Add(reader.GetString(0));
        return taken;
    }

    /// <summary>The first key of the two-key advisory locks on supplied entry ids; other than Idempotency's, so the two never meet.</summary>
    public const int SuppliedIdLockClass = 0x5E1D_1D01;
}
