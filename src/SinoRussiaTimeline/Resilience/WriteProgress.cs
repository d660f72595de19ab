using Marten;
using Marten.Services;

namespace SinoRussiaTimeline.Resilience;

/// <summary>
/// How far the current request's writes got, so that a 503 can tell the client whether its write was recorded: nothing
/// was if no commit began (or the commit's connection was refused); it was if a commit completed (a later read failed);
/// otherwise PostgreSQL may have committed just before the connection broke, and only a retry can tell.
/// </summary>
public sealed class WriteProgress
{
    private const string Key = "timeline.write-progress";

    // Set by Marten's listener below, or by group commit (Writes/GroupCommit.cs), which commits outside the request.
    public bool CommitBegan { get; internal set; }

    public bool Committed { get; internal set; }

    public static WriteProgress Of(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var found) && found is WriteProgress progress) return progress;
        var created = new WriteProgress();
        context.Items[Key] = created;
        return created;
    }

    /// <summary><c>no</c>, <c>yes</c> or <c>unknown</c>.</summary>
    public string Recorded(Exception failure) =>
        Committed ? "yes" : !CommitBegan || DatabaseFaults.FailedBeforeSending(failure) ? "no" : "unknown";

    /// <summary>Marten calls it around every commit; outside a request (the async daemon, the seed verb) it does nothing.</summary>
    public sealed class Listener(IHttpContextAccessor accessor) : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (accessor.HttpContext is { } context) Of(context).CommitBegan = true;
            return Task.CompletedTask;
        }

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (accessor.HttpContext is { } context) Of(context).Committed = true;
            return Task.CompletedTask;
        }
    }
}
