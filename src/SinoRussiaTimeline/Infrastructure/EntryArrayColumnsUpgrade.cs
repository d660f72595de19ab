using Npgsql;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// Brings a store written before countries and officials became columns (28 November 2026) to the new shape, once, before
/// Marten compares the schema. Marten would do the same (drop the old indexes, add each column and fill it with one
/// UPDATE, create the GIN indexes), but in one command under Npgsql's 30 s command timeout: over 100,000 entries and
/// their revisions it timed out and the service did not start. Here the work runs without a timeout, the old indexes
/// are dropped before the rows are rewritten (so the UPDATE does not maintain them), and the result is exactly what
/// Marten declares (Infrastructure/MartenSetup.cs), so Marten finds nothing left to change in these tables.
/// One transaction per table: a start interrupted half-way leaves the old shape for the next start to upgrade. Nodes
/// starting together upgrade once, because <see cref="DatabaseSetup"/> runs the whole setup, this upgrade included,
/// under its lock. A store that has the columns is left untouched.
/// </summary>
public static class EntryArrayColumnsUpgrade
{
    private static readonly string[] Tables = ["mt_doc_timelineentry", "mt_doc_entryrevision"];

    /// <summary>Upgrades each entry table that exists without the columns; returns the tables it upgraded.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        var upgraded = new List<string>();
        foreach (var table in Tables)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (!await UpgradeSql.TableExistsAsync(connection, schema, table, ct) || await UpgradeSql.ColumnExistsAsync(connection, schema, table, "countries", ct))
                continue;

            var qualified = $"\"{schema}\".{table}";
            await UpgradeSql.ExecuteAsync(connection, $"""
                drop index if exists "{schema}".{table}_idx_data;
                drop index if exists "{schema}".{table}_idx_countries;
                drop index if exists "{schema}".{table}_idx_official_ids;
                alter table {qualified} add column countries text[] NULL, add column official_ids text[] NULL;
                update {qualified} set
                    countries = CAST(ARRAY(SELECT jsonb_array_elements_text(data -> 'countries')) as text[]),
                    official_ids = CAST(ARRAY(SELECT jsonb_array_elements_text(data -> 'officialIds')) as text[]);
                CREATE INDEX {table}_idx_countries ON {qualified} USING gin (countries);
                CREATE INDEX {table}_idx_official_ids ON {qualified} USING gin (official_ids);
                analyze {qualified};
                """, ct);
            await transaction.CommitAsync(ct);
            upgraded.Add(table);
        }
        return upgraded;
    }
}
