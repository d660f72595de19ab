using Npgsql;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>The statements of the store upgrades (<see cref="EntryArrayColumnsUpgrade"/>, <see cref="CurrentVersionsUpgrade"/>).</summary>
internal static class UpgradeSql
{
    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql, []);
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    internal static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string schema, string table, CancellationToken ct) =>
        (bool)(await ScalarAsync(connection,
            "select exists (select 1 from information_schema.tables where table_schema = @schema and table_name = @table)",
            ct, ("schema", schema), ("table", table)))!;

    internal static async Task<bool> ColumnExistsAsync(NpgsqlConnection connection, string schema, string table, string column, CancellationToken ct) =>
        (bool)(await ScalarAsync(connection,
            "select exists (select 1 from information_schema.columns where table_schema = @schema and table_name = @table and column_name = @column)",
            ct, ("schema", schema), ("table", table), ("column", column)))!;

    // No command timeout: rewriting every row of a large store takes as long as it takes, once.
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
