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

    // No command timeout: rewriting every row of a large store takes as long as it takes, once.
    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
