using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace SinoRussiaTimeline.Resilience;

/// <summary>
/// Tells a database outage (PostgreSQL stopped, restarting, unreachable or out of connections) from every other failure,
/// so that an outage answers <c>503</c> with <c>Retry-After</c> while a bug still answers <c>500</c>.
/// </summary>
public static class DatabaseFaults
{
    // SQL states that mean "the server is going away or cannot take you now", not "your statement is wrong":
    // class 08 (connection exception), admin/crash/cannot-connect-now shutdowns, too many connections.
    private static readonly HashSet<string> UnavailableStates = new(StringComparer.Ordinal)
    {
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections,
    };

    /// <summary>True when the exception, or one it wraps (Marten and Polly wrap Npgsql's), says the database is unavailable.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || UnavailableStates.Contains(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException or TimeoutException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsUnavailable);
            }
            exception = exception.InnerException;
        }
        return false;
    }

    /// <summary>
    /// True when the failure happened before anything reached the database (the connection was refused, or PostgreSQL
    /// would not take it), so a write that failed this way certainly recorded nothing. Otherwise a write may have been
    /// committed just before its connection broke, and only a retry that the store recognises can tell.
    /// </summary>
    public static bool FailedBeforeSending(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                        or PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection or PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection;
                case SocketException socket:
                    return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                        or SocketError.HostNotFound or SocketError.TryAgain;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.All(FailedBeforeSending);
            }
            exception = exception.InnerException;
        }
        return false;
    }

    /// <summary>
    /// Connection string defaults that make an outage fail fast: a connect timeout of a few seconds instead of 15, and a
    /// command timeout instead of 30 s. Values the operator set are kept.
    /// </summary>
    public static string WithFailFastDefaults(string connectionString, int connectTimeoutSeconds = 5, int commandTimeoutSeconds = 15)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Has(params string[] keys) => keys.Any(k => given.Keys.Cast<string>().Any(g => string.Equals(g.Replace(" ", "", StringComparison.Ordinal), k, StringComparison.OrdinalIgnoreCase)));

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Has("Timeout")) builder.Timeout = connectTimeoutSeconds;
        if (!Has("CommandTimeout")) builder.CommandTimeout = commandTimeoutSeconds;
        return builder.ConnectionString;
    }
}
