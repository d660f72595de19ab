using Npgsql;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(SinoRussiaTimeline.Tests.Support.TestDatabase))]

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// One real PostgreSQL for the whole run: <c>TIMELINE_TEST_DB</c> when set (as <c>make test</c> does with its private
/// cluster when no Docker engine answers), else a Testcontainers PostgreSQL 15. Each test class gets its own schema.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private PostgreSqlContainer? _container;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("TIMELINE_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }
        _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        await _container.StartAsync();
        ConnectionString = _container.GetConnectionString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }

    public async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop schema if exists \"{schema}\" cascade", connection);
        await command.ExecuteNonQueryAsync();
    }
}
