using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Observability;

public static class TelemetrySetup
{
    /// <summary>
    /// Traces and metrics of HTTP (ASP.NET Core), PostgreSQL (Npgsql) and the command handlers (<see cref="Telemetry"/>),
    /// exported over OTLP only when an endpoint is configured: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other
    /// standard <c>OTEL_*</c> variables) or <c>Timeline:Otlp:Endpoint</c> (and <c>Timeline:Otlp:Protocol</c>, grpc or
    /// http/protobuf). Log lines carry the trace and span ids, beside the correlation id of their scope.
    /// </summary>
    public static WebApplicationBuilder AddTimelineTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Telemetry>();
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Telemetry.Name, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(Telemetry.Name)
                .AddAspNetCoreInstrumentation(http =>
                {
                    // Probes every few seconds would drown the traces that matter.
                    http.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    http.EnrichWithHttpResponse = (activity, response) =>
                    {
                        if (response.Headers.TryGetValue(CorrelationContext.HeaderName, out var id)) activity.SetTag("timeline.correlation_id", id.ToString());
                    };
                })
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(Telemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation());

        var endpoint = builder.Configuration["Timeline:Otlp:Endpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = builder.Configuration["Timeline:Otlp:Protocol"] is "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            telemetry.WithLogging().UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithLogging().UseOtlpExporter();
        }
        return builder;
    }
}
