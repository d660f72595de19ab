using Npgsql;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// Brings a store written before the revisions held only replaced versions (8 December 2026) to the new shape, once,
/// before Marten compares the schema:
/// <list type="number">
/// <item>the entries get their <c>last_recorded_at</c> column, filled from each document, with its index (asOf and the
/// changes feed read it). Marten would add and fill it in one command under Npgsql's 30 s timeout, which a large store
/// outlasts (<see cref="EntryArrayColumnsUpgrade"/> says more);</item>
/// <item>the revisions of versions still current go: the current version is the entry itself now, and asOf would
/// otherwise meet it twice.</item>
/// </list>
/// One transaction per step, each done only when needed, so a start interrupted half-way is finished by the next. Nodes
/// starting together upgrade once (<see cref="DatabaseSetup"/>'s lock). Nodes of an older build must not keep writing
/// beside an upgraded one: they would write the current version as a revision again (docs/deployment.md, "Upgrading").
/// </summary>
public static class CurrentVersionsUpgrade
{
    private const string Entries = "mt_doc_timelineentry";
    private const string Revisions = "mt_doc_entryrevision";

    /// <summary>Applies what the store needs; returns what it did, for the log (empty when nothing was needed).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        var done = new List<string>();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            if (await UpgradeSql.TableExistsAsync(connection, schema, Entries, ct) && !await UpgradeSql.ColumnExistsAsync(connection, schema, Entries, "last_recorded_at", ct))
            {
                // Exactly what Marten declares for the duplicated field (Infrastructure/MartenSetup.cs), so it finds nothing
                // left to change: the column, filled from the document, and its btree index.
                await UpgradeSql.ExecuteAsync(connection, $"""
                    alter table "{schema}".{Entries} add column last_recorded_at timestamp with time zone NULL;
                    update "{schema}".{Entries} set last_recorded_at = CAST(data ->> 'lastRecordedAt' as timestamp with time zone);
                    CREATE INDEX {Entries}_idx_last_recorded_at ON "{schema}".{Entries} USING btree (last_recorded_at);
                    analyze "{schema}".{Entries};
                    """, ct);
                await transaction.CommitAsync(ct);
                done.Add($"{Entries}.last_recorded_at added");
            }
        }

        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            // Found through the recorded_until index (a btree holds its nulls), so a store with none left is checked at once.
            if (await UpgradeSql.TableExistsAsync(connection, schema, Revisions, ct)
                && (bool)(await UpgradeSql.ScalarAsync(connection, $"""select exists (select 1 from "{schema}".{Revisions} where recorded_until is null)""", ct))!)
            {
                await UpgradeSql.ExecuteAsync(connection, $"""
                    delete from "{schema}".{Revisions} where recorded_until is null;
                    analyze "{schema}".{Revisions};
                    """, ct);
                await transaction.CommitAsync(ct);
                done.Add($"{Revisions}: the current versions' revisions removed");
            }
        }
        return done;
    }
}
