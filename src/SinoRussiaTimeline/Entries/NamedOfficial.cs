using Marten;
using Npgsql;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// What a response says of an official named on an entry: the names and the country, read for a whole page in one
/// query of five text columns. Loading the whole documents instead (offices, sources, aliases, search text: about 800
/// bytes of JSON each, 58 officials on the bench's page) cost the service about 0.3 ms more CPU per page
/// (docs/performance.md, "The page's own cost").
/// </summary>
public sealed record NamedOfficial(string En, string? Zh, string? Ru, string Country)
{
    public static NamedOfficial Of(Official official) => new(official.Names.En, official.Names.Zh, official.Names.Ru, official.Country);

    public static async Task<IReadOnlyDictionary<string, NamedOfficial>> LoadForAsync(IQuerySession session, string[] ids, CancellationToken ct)
    {
        var names = new Dictionary<string, NamedOfficial>(ids.Length, StringComparer.Ordinal);
        if (ids.Length == 0) return names;
        var table = session.DocumentStore.TableOf<Official>();
        // Field names as Marten stores them (camelCase), the same ones its own LINQ queries on officials use.
        var command = new NpgsqlCommand(
            $"select id, data -> 'names' ->> 'en', data -> 'names' ->> 'zh', data -> 'names' ->> 'ru', data ->> 'country' from {table} where id = any(@ids)")
        {
            Parameters = { new NpgsqlParameter<string[]>("ids", ids) },
        };
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            names[reader.GetString(0)] = new NamedOfficial(
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4));
        }
        return names;
    }
}
