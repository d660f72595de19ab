using System.Diagnostics;
using Mediator;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Observability;

/// <summary>
/// Wraps every mediator message in a span named after it (so its Npgsql spans nest under it, inside the HTTP span), and
/// counts and times commands by type and outcome. Outermost behaviour: a validation failure is an outcome too.
/// </summary>
public sealed class TelemetryBehavior<TMessage, TResponse>(Telemetry telemetry, CorrelationContext correlation)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).Name;
    private static readonly bool IsCommand = typeof(IBaseCommand).IsAssignableFrom(typeof(TMessage));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(MessageName);
        activity?.SetTag("timeline.message.kind", IsCommand ? "command" : "query");
        activity?.SetTag("timeline.correlation_id", correlation.Id);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception e)
        {
            outcome = Telemetry.OutcomeOf(e);
            if (outcome is "error" or "unavailable")
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
                activity?.AddException(e);
            }
            throw;
        }
        finally
        {
            activity?.SetTag("timeline.outcome", outcome);
            if (IsCommand)
            {
                var tags = new TagList { { "command", MessageName }, { "outcome", outcome } };
                telemetry.Commands.Add(1, tags);
                telemetry.CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            }
        }
    }
}
