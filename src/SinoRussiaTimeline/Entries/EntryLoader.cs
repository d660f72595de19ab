using Marten;

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
}
