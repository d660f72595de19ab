using Marten;
using Marten.Internal.CodeGeneration;
using Marten.Storage;
using Npgsql;
using SinoRussiaTimeline.Writes;

namespace SinoRussiaTimeline.Replay;

/// <summary>
/// One view's table rewritten from nothing, in one transaction on its own connection: a side table with the live table's
/// columns, defaults and checks but no index is created, filled by COPY with <c>FREEZE</c>, given the live table's
/// indexes and constraints (read from the catalog, so whatever Marten configured is reproduced exactly), analysed, and
/// then swapped in under the live table's name. Until the commit, readers keep reading the live table; a failure or a
/// rollback leaves it untouched and leaves no side table behind (it was created in the rolled-back transaction).
/// <para>
/// Why not rewrite the live table in place: deleting a million rows and inserting a million more kept every index (the
/// page order's btree, two GINs, the primary key) up to date one row at a time over a table full of dead rows, which was
/// most of the rebuild's time in PostgreSQL (docs/performance.md, "Rebuild into fresh tables").
/// </para>
/// </summary>
public sealed class FreshViewTable<T> : IAsyncDisposable where T : notnull
{
    // Sorting a million keys for an index build in memory rather than in temporary files. Two views are built at once.
    private const string IndexBuildMemory = "512MB";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly BulkLoader<T, string> _loader;
    private readonly Tenant _tenant;
    private readonly ISerializer _serializer;
    private readonly string _schema;
    private readonly string _live;
    private readonly string _side;
    private readonly string _copySql;
    // After the swap, each index and constraint built under a temporary name takes its live name.
    private readonly List<string> _renames = [];

    internal FreshViewTable(IDocumentStore store, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        var (loader, tenant) = BulkEntryWriter.CopyLoaderFor<T>(store);
        _loader = loader as BulkLoader<T, string>
            ?? throw new InvalidOperationException($"Marten's COPY loader for {typeof(T).Name} is not a BulkLoader<{typeof(T).Name}, string>: the rebuild writes rows through it.");
        _tenant = tenant;
        _serializer = store.Options.Serializer();
        var table = store.Options.FindOrResolveDocumentType(typeof(T)).TableName;
        _schema = table.Schema;
        _live = table.Name;
        _side = Shortened(_live, "_rebuild");
        // Marten's loader names its table and columns in its COPY statement; the same columns in the same order go to the
        // side table, so each row is written by Marten's own LoadRowAsync exactly as its LoadAsync would write it.
        var marten = _loader.MainLoaderSql();
        var prefix = $"COPY {table.QualifiedName}(";
        const string suffix = ") FROM STDIN BINARY";
        if (!marten.StartsWith(prefix, StringComparison.Ordinal) || !marten.EndsWith(suffix, StringComparison.Ordinal))
            throw new InvalidOperationException($"Marten's COPY statement for {typeof(T).Name} has an unexpected shape: {marten}");
        var columns = marten[prefix.Length..^suffix.Length];
        // FREEZE: the side table was created in this transaction, so its rows can be written already frozen and visible
        // to all (no hint-bit writes or freezing vacuum later, and the visibility map set for index-only scans).
        _copySql = $"COPY {Side}({columns}) FROM STDIN (FORMAT binary, FREEZE)";
    }

    private string Live => $"{Quote(_schema)}.{Quote(_live)}";
    private string Side => $"{Quote(_schema)}.{Quote(_side)}";

    /// <summary>The connection and transaction the table is written in; the caller commits after <see cref="SwapAsync"/>.</summary>
    public NpgsqlConnection Connection => _connection;
    public NpgsqlTransaction Transaction => _transaction;

    internal async Task CreateSideTableAsync(CancellationToken ct)
    {
        // Only one rebuild at a time per table: a second waits here until the first has committed or rolled back.
        await ExecuteAsync($"select pg_advisory_xact_lock(hashtext('fresh-view-table:' || {Literal(_schema)} || '.' || {Literal(_live)}))", ct);
        await RefuseWhatASwapWouldLoseAsync(ct);
        // Columns, NOT NULL, defaults, checks, storage, compression and comments; no index and so no primary key yet.
        List<string> sql = [$"create table {Side} (like {Live} including all excluding indexes)"];
        await using (var command = Command("""
            select c.reloptions, obj_description(c.oid, 'pg_class'), pg_get_userbyid(c.relowner), current_user::text,
                   (select coalesce(array_agg(format('grant %s on %%s to %s%s', a.privilege_type,
                                             case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                             case when a.is_grantable then ' with grant option' else '' end)), '{}')
                      from aclexplode(c.relacl) a)
              from pg_class c where c.oid = $1::regclass
            """, Live))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"The table {Live} does not exist: start the service once to create the schema.");
            // What LIKE does not carry over: storage parameters, the table's own comment, its owner and its grants.
            if (!reader.IsDBNull(0)) sql.Add($"alter table {Side} set ({string.Join(", ", reader.GetFieldValue<string[]>(0))})");
            if (!reader.IsDBNull(1)) sql.Add($"comment on table {Side} is {Literal(reader.GetString(1))}");
            sql.AddRange(reader.GetFieldValue<string[]>(4).Select(grant => grant.Replace("%s", Side, StringComparison.Ordinal)));
            // The owner last: the grants above are made by this session's user, which owns the side table until then.
            if (reader.GetString(2) != reader.GetString(3)) sql.Add($"alter table {Side} owner to {Quote(reader.GetString(2))}");
        }
        await ExecuteAsync(string.Join(";\n", sql), ct);
    }

    // A trigger, a rule or a row-level policy belongs to the table it is defined on: dropping the live table would drop it
    // too, silently. None is configured on the views; if one ever is, the rebuild refuses rather than lose it. (A view or a
    // foreign key that depends on the live table makes the DROP in the swap fail, which rolls the rebuild back.)
    private async Task RefuseWhatASwapWouldLoseAsync(CancellationToken ct)
    {
        await using var command = Command("""
            select array(select 'trigger ' || tgname from pg_trigger where tgrelid = $1::regclass and not tgisinternal
                   union all select 'rule ' || rulename from pg_rewrite where ev_class = $1::regclass
                   union all select 'policy ' || polname from pg_policy where polrelid = $1::regclass
                   union all select 'row level security' from pg_class where oid = $1::regclass and relrowsecurity)
            """, Live);
        var found = (string[])(await command.ExecuteScalarAsync(ct))!;
        if (found.Length > 0)
            throw new InvalidOperationException($"The rebuild replaces {Live} with a fresh table and would lose its {string.Join(", ", found)}; nothing was changed.");
    }

    /// <summary>Appends documents to the side table with Marten's row writer (its columns, duplicated fields and metadata).</summary>
    public async Task CopyAsync(IEnumerable<T> documents, CancellationToken ct)
    {
        await using var writer = await _connection.BeginBinaryImportAsync(_copySql, ct);
        foreach (var document in documents)
        {
            await writer.StartRowAsync(ct);
            await _loader.LoadRowAsync(writer, document, _tenant, _serializer, ct);
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>
    /// Builds the live table's indexes and constraints on the filled side table, each once over all its rows, under
    /// temporary names, then gathers its statistics (a table swapped in without them would get poor plans for the page).
    /// </summary>
    public async Task BuildIndexesAsync(CancellationToken ct)
    {
        List<string> statements = [$"set local maintenance_work_mem = '{IndexBuildMemory}'"];
        // Constraints first (the primary key builds its unique index), then the indexes that back no constraint. CHECK
        // constraints came with LIKE; pg_get_constraintdef and pg_get_indexdef give the definitions as PostgreSQL holds them.
        await using (var command = Command("""
            select 'c', conname, pg_get_constraintdef(oid), null from pg_constraint where conrelid = $1::regclass and contype <> 'c'
            union all
            select 'i', c.relname, pg_get_indexdef(i.indexrelid),
                   -- How pg_get_indexdef begins for this index, with the names quoted as PostgreSQL quotes them.
                   format('CREATE %sINDEX %I ON %I.%I USING ', case when i.indisunique then 'UNIQUE ' else '' end, c.relname, n.nspname, t.relname)
              from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
             where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = $1::regclass)
            order by 1, 2
            """, Live))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var n = 0;
            while (await reader.ReadAsync(ct))
            {
                var (kind, name, definition) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                var temporary = Shortened(_side, $"_{++n}");
                if (kind == "c")
                {
                    statements.Add($"alter table {Side} add constraint {Quote(temporary)} {definition}");
                    _renames.Add($"alter table {Live} rename constraint {Quote(temporary)} to {Quote(name)};");
                }
                else
                {
                    statements.Add(OnSideTable(definition, reader.GetString(3), name, temporary));
                    _renames.Add($"alter index {Quote(_schema)}.{Quote(temporary)} rename to {Quote(name)};");
                }
            }
        }
        statements.Add($"analyze {Side}");
        await ExecuteAsync(string.Join(";\n", statements), ct);
    }

    // pg_get_indexdef names the index and the live table: "CREATE [UNIQUE] INDEX name ON schema.table USING ...". The same
    // definition, on the side table under a temporary name; any other shape is refused rather than guessed at.
    private string OnSideTable(string definition, string expectedHead, string name, string temporary)
    {
        if (!definition.StartsWith(expectedHead, StringComparison.Ordinal))
            throw new InvalidOperationException($"The index {name} of {Live} has a definition the rebuild cannot restate on a fresh table: {definition}");
        var create = expectedHead.StartsWith("CREATE UNIQUE ", StringComparison.Ordinal) ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
        return $"{create} {Quote(temporary)} ON {Side} USING {definition[expectedHead.Length..]}";
    }

    /// <summary>
    /// Replaces the live table with the side table, inside this transaction: waits for readers of the live table to
    /// finish, drops it, and gives the side table, its indexes and its constraints the live names. Readers block from
    /// here to the commit, then read the new table.
    /// </summary>
    public async Task SwapAsync(CancellationToken ct) => await ExecuteAsync($"""
        lock table {Live} in access exclusive mode;
        drop table {Live};
        alter table {Side} rename to {Quote(_live)};
        {string.Join("\n", _renames)}
        """, ct);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    // No command timeout: an index build over a million rows outlasts Npgsql's default, and a rebuild is as long as the log.
    private NpgsqlCommand Command(string sql, string? table = null)
    {
        var command = new NpgsqlCommand(sql, _connection, _transaction) { CommandTimeout = 0 };
        if (table is not null) command.Parameters.Add(new NpgsqlParameter { Value = table });
        return command;
    }

    // PostgreSQL cuts names at 63 bytes: keep the suffix, which makes the name distinct.
    private static string Shortened(string name, string suffix) => (name.Length + suffix.Length > 63 ? name[..(63 - suffix.Length)] : name) + suffix;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>Starts a <see cref="FreshViewTable{T}"/>.</summary>
public static class FreshViewTable
{
    /// <summary>Opens a connection and transaction and creates the empty side table with the live table's columns.</summary>
    public static async Task<FreshViewTable<T>> BeginAsync<T>(IDocumentStore store, NpgsqlDataSource dataSource, CancellationToken ct) where T : notnull
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(ct);
            var table = new FreshViewTable<T>(store, connection, transaction);
            await table.CreateSideTableAsync(ct);
            return table;
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }
}
