using Marten;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Officials;

/// <summary>Loads the officials a command names, in one query, and reports each unknown one against its field.</summary>
public static class OfficialLookup
{
    public static async Task<IReadOnlyDictionary<string, Official>> LoadAsync(IQuerySession session, IEnumerable<string> ids, CancellationToken ct)
    {
        var distinct = ids.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0) return new Dictionary<string, Official>();
        return (await session.LoadManyAsync<Official>(ct, distinct)).ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    public static void RequireKnown(IReadOnlyList<string>? ids, string field, IReadOnlyDictionary<string, Official> known, FieldErrors errors)
    {
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            if (!known.ContainsKey(ids![i]))
                errors.Add($"{field}[{i}]", $"No official with id '{ValidationRules.Truncate(ids[i])}'; register the official first.");
        }
    }
}
