using Marten;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Entries;

public static class EntryLoader
{
    /// <summary>Loads entries in one query and returns them in the order of the ids given (views keep their own order).</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> LoadInOrderAsync(IQuerySession session, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0) return [];
        var byId = (await session.LoadManyAsync<TimelineEntry>(ct, wanted)).ToDictionary(e => e.Id, StringComparer.Ordinal);
        return wanted.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>
    /// A client-supplied id that is taken is a 409 before anything is appended. Leaving it to the stream-id collision in
    /// SaveChangesAsync would also answer 409, but Marten then stores a tombstone event to fill the sequence gap of the
    /// failed append, so a rejected request would leave an event behind.
    /// </summary>
    public static async Task RequireUnusedAsync(IQuerySession session, string entryId, CancellationToken ct)
    {
        if (await session.Events.FetchStreamStateAsync(entryId, ct) is not null)
            throw new ResourceConflictException($"An entry with id '{entryId}' already exists.");
    }
}
