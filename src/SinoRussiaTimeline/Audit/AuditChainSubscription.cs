using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace SinoRussiaTimeline.Audit;

/// <summary>
/// Extends the hash chain over each page of new events, in sequence order. It runs under the async daemon (HotCold:
/// one node at a time), and its links are committed in the same transaction as its progress, so a crash can neither
/// skip nor repeat a link. The server computes the chain; no client ever supplies a hash.
/// </summary>
public sealed class AuditChainSubscription : SubscriptionBase
{
    private readonly AuditLog _log;

    public AuditChainSubscription(AuditLog log)
    {
        _log = log;
        Name = "AuditChain";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var records = await _log.ReadRangeAsync(page.SequenceFloor, page.SequenceCeiling, cancellationToken);
        if (records.Count == 0) return NullChangeListener.Instance;
        var previous = await _log.HashBeforeAsync(records[0].Sequence, cancellationToken);
        foreach (var record in records)
        {
            var hash = AuditChain.Link(previous, record);
            operations.QueueSqlCommand(_log.InsertLinkSql, record.Sequence, previous, hash);
            previous = hash;
        }
        return NullChangeListener.Instance;
    }
}
