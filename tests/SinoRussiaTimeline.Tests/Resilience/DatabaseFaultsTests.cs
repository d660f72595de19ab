using System.Net.Sockets;
using Marten.Exceptions;
using Npgsql;
using SinoRussiaTimeline.Resilience;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>
/// Which failures are a database outage (503, retry later) and which are bugs or bad requests (500, 409, …); and which
/// failed writes certainly recorded nothing.
/// </summary>
public sealed class DatabaseFaultsTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    private static NpgsqlException Connect(SocketError error) => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)error));

    public static TheoryData<string, Exception> Outages => new()
    {
        { "admin shutdown (pg_ctl stop)", Postgres(PostgresErrorCodes.AdminShutdown) },
        { "crash shutdown", Postgres(PostgresErrorCodes.CrashShutdown) },
        { "starting up or shutting down", Postgres(PostgresErrorCodes.CannotConnectNow) },
        { "too many connections", Postgres(PostgresErrorCodes.TooManyConnections) },
        { "connection failure", Postgres("08006") },
        { "connection refused", Connect(SocketError.ConnectionRefused) },
        { "connection reset mid-command", new NpgsqlException("Exception while reading from stream", new IOException("reset")) },
        { "command timeout", new NpgsqlException("Exception while reading from stream", new TimeoutException()) },
        { "wrapped by Marten", new MartenCommandException(new NpgsqlCommand("select 1"), Postgres(PostgresErrorCodes.AdminShutdown)) },
        { "wrapped twice", new AggregateException(new InvalidOperationException("outer", Connect(SocketError.ConnectionRefused))) },
    };

    public static TheoryData<string, Exception> NotOutages => new()
    {
        { "unique violation", Postgres(PostgresErrorCodes.UniqueViolation) },
        { "serialization failure", Postgres(PostgresErrorCodes.SerializationFailure) },
        { "undefined table", Postgres(PostgresErrorCodes.UndefinedTable) },
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "Marten wrapping a constraint violation", new MartenCommandException(new NpgsqlCommand("select 1"), Postgres(PostgresErrorCodes.CheckViolation)) },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void A_database_outage_is_recognised_through_any_wrapping(string _, Exception exception) =>
        DatabaseFaults.IsUnavailable(exception).ShouldBeTrue();

    [Theory]
    [MemberData(nameof(NotOutages))]
    public void A_failure_of_the_request_or_of_the_code_is_not_an_outage(string _, Exception exception) =>
        DatabaseFaults.IsUnavailable(exception).ShouldBeFalse();

    [Fact]
    public void A_refused_connection_recorded_nothing_but_a_connection_broken_mid_command_may_have()
    {
        DatabaseFaults.FailedBeforeSending(Connect(SocketError.ConnectionRefused)).ShouldBeTrue();
        DatabaseFaults.FailedBeforeSending(Postgres(PostgresErrorCodes.CannotConnectNow)).ShouldBeTrue();
        DatabaseFaults.FailedBeforeSending(new MartenCommandException(new NpgsqlCommand("select 1"), Connect(SocketError.ConnectionRefused))).ShouldBeTrue();

        DatabaseFaults.FailedBeforeSending(new NpgsqlException("Exception while reading from stream", new IOException("reset"))).ShouldBeFalse();
        DatabaseFaults.FailedBeforeSending(Postgres(PostgresErrorCodes.AdminShutdown)).ShouldBeFalse();
        DatabaseFaults.FailedBeforeSending(new NpgsqlException("Exception while reading from stream", new TimeoutException())).ShouldBeFalse();
    }

    [Fact]
    public void Fail_fast_timeouts_are_added_to_a_connection_string_that_sets_none()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseFaults.WithFailFastDefaults("Host=db;Username=app;Maximum Pool Size=50", 5, 15));

        builder.Timeout.ShouldBe(5);
        builder.CommandTimeout.ShouldBe(15);
        builder.MaxPoolSize.ShouldBe(50);
        builder.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Host=db;Timeout=30;Command Timeout=120")]
    [InlineData("Host=db;timeout=30;CommandTimeout=120")]
    public void Timeouts_the_operator_set_are_kept(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseFaults.WithFailFastDefaults(connectionString, 5, 15));

        builder.Timeout.ShouldBe(30);
        builder.CommandTimeout.ShouldBe(120);
    }
}
