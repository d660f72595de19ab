using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marten.Exceptions;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Resilience;

namespace SinoRussiaTimeline.Observability;

/// <summary>The service's own trace source and instruments, beside those of ASP.NET Core and Npgsql.</summary>
public sealed class Telemetry
{
    public const string Name = "SinoRussiaTimeline";

    /// <summary>One span per mediator message (command or query), named after the message.</summary>
    public static readonly ActivitySource Source = new(Name);

    public Telemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        Commands = meter.CreateCounter<long>("timeline.commands", unit: "{command}",
            description: "Commands handled, by command type and outcome (ok, invalid, not_found, conflict, precondition_failed, unavailable, error).");
        CommandDuration = meter.CreateHistogram<double>("timeline.command.duration", unit: "s",
            description: "Time to handle a command, validation included, by command type and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public Counter<long> Commands { get; }

    public Histogram<double> CommandDuration { get; }

    /// <summary>How a message ended, as the outcome tag of spans and metrics.</summary>
    public static string OutcomeOf(Exception exception) => exception switch
    {
        RequestValidationException => "invalid",
        ResourceNotFoundException => "not_found",
        ResourceConflictException or ExistingStreamIdCollisionException => "conflict",
        StaleVersionException or PreconditionMissingException => "precondition_failed",
        _ when DatabaseFaults.IsUnavailable(exception) => "unavailable",
        _ => "error",
    };
}
