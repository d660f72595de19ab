using Marten;
using Marten.Linq;
using Npgsql;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Timeline;

/// <summary>
/// A timeline page and the names of the officials it names, in one statement and one round trip. Until then a page cost
/// two (the entries through Marten's LINQ, then <see cref="NamedOfficial"/>'s names-only query), and the second round
/// trip was most of the officials' cost (docs/performance.md, "One round trip per page"). The entries' filter and order
/// stay Marten's: its LINQ statement for the page (<c>ToCommand</c>) becomes a CTE, and the officials are looked up from
/// the page's own <c>officialIds</c>, so the names are those the presenter looked up before, from the officials'
/// current records. scripts/bench-read.sql is this statement for the bench's page, as PostgreSQL receives it.
/// </summary>
public static class TimelinePageStatement
{
    /// <summary>Reads the page that <paramref name="page"/> (filtered, ordered and limited) selects, with its officials' names.</summary>
    public static async Task<(List<T> Entries, IReadOnlyDictionary<string, NamedOfficial> Names)> ReadAsync<T>(
        IQuerySession session, IQueryable<T> page, CancellationToken ct) where T : TimelineEntry
    {
        var command = page.ToCommand(FetchType.FetchMany);
        // The officials' table as Marten names it for this store (the schema differs between the service and each test class).
        var officials = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(Official)).TableName.QualifiedName;
        command.CommandText = Wrap(command.CommandText, officials);

        // The store's own serializer, as Marten's LINQ used: the same documents, byte for byte the same responses.
        var serializer = session.DocumentStore.Options.Serializer();
        var entries = new List<T>();
        var names = new Dictionary<string, NamedOfficial>(StringComparer.Ordinal);
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            // An entry row carries its document; an official's row carries its id and names instead.
            if (!reader.IsDBNull(0))
            {
                entries.Add(serializer.FromJson<T>(reader, 0));
                continue;
            }
            names[reader.GetString(1)] = new NamedOfficial(
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5));
        }
        return (entries, names);
    }

    /// <summary>
    /// Marten's page statement (<c>select d.data from ... order by ... LIMIT n</c>) as a CTE, followed by its
    /// officials. The CTE is materialized: the page is read once and scanned twice. Entry rows come first, in the CTE's
    /// order, because UNION ALL appends its branches in turn and a materialized CTE is scanned in the order it was filled;
    /// the caller still takes the order from the rows' sort key (<see cref="TimelineCursor.Compare"/>), not from that.
    /// </summary>
    public static string Wrap(string pageSql, string officialsTable) =>
        "with page as materialized (" + pageSql.TrimEnd().TrimEnd(';') + ") " +
        "select p.data, null::varchar, null::text, null::text, null::text, null::text from page as p " +
        "union all " +
        "select null::jsonb, o.id, o.data -> 'names' ->> 'en', o.data -> 'names' ->> 'zh', o.data -> 'names' ->> 'ru', o.data ->> 'country' " +
        $"from {officialsTable} as o where o.id in (select jsonb_array_elements_text(p.data -> 'officialIds') from page as p)";
}
