using Marten;
using Npgsql;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// A database transaction that spans a whole request instead of one <c>SaveChangesAsync</c>. When one is set before the
/// request's document session opens, the session joins it and its <c>SaveChangesAsync</c> sends the changes without
/// committing them; whoever set the transaction commits it, or lets it roll back. Idempotent writes use this to store a
/// key in the same transaction as the events its request appended.
/// </summary>
public sealed class WriteTransaction
{
    private bool _sessionOpened;

    public NpgsqlTransaction? Current { get; private set; }

    /// <summary>Makes the request's document session join <paramref name="transaction"/>; disposing the result leaves it.</summary>
    public IDisposable Enlist(NpgsqlTransaction transaction)
    {
        // A session opened earlier would commit on its own, outside the transaction: refuse rather than lose atomicity.
        if (_sessionOpened)
            throw new InvalidOperationException("The request's document session was opened before its write transaction began.");
        Current = transaction;
        return new Leave(this);
    }

    public IDocumentSession OpenSession(IDocumentStore store)
    {
        _sessionOpened = true;
        return Current is { } transaction
            ? store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false))
            : store.LightweightSession();
    }

    private sealed class Leave(WriteTransaction owner) : IDisposable
    {
        public void Dispose() => owner.Current = null;
    }
}
