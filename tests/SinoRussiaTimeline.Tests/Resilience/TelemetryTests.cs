using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Resilience;

/// <summary>The service with its traces and metrics exported to memory, as an OTLP collector would receive them.</summary>
public sealed class TelemetryApp(TestDatabase database) : TimelineApp(database)
{
    public Exported<Activity> Spans { get; } = new();

    public Exported<MetricSnapshot> Metrics { get; } = new();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // "Executing endpoint …" is written inside the request, so it shows the scopes every line of a request carries.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing", "Information");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        });
    }

    /// <summary>Collects from the exporter's thread; the test reads snapshots.</summary>
    public sealed class Exported<T> : Collection<T>
    {
        private readonly Lock _lock = new();

        public List<T> Snapshot()
        {
            lock (_lock) return [.. Items];
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_lock) base.InsertItem(index, item);
        }

        protected override void ClearItems()
        {
            lock (_lock) base.ClearItems();
        }
    }
}

/// <summary>Log entries with the values of their scopes, as a structured log sink receives them.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, Dictionary<string, object?> Scope)> Entries { get; } = new();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            logs._scopes.ForEachScope((value, values) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, item) in pairs) values[key] = item;
            }, scope);
            logs.Entries.Enqueue((category, formatter(state, exception), scope));
        }
    }
}

/// <summary>
/// An operator following one request sees it whole: the HTTP span, the command's span inside it and the SQL it ran
/// inside that, in one trace; and the command counter moves.
/// </summary>
public sealed class TelemetryTests(TelemetryApp app) : IClassFixture<TelemetryApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recorded_visit_is_one_trace_of_an_HTTP_span_a_RecordVisit_span_and_its_Npgsql_spans()
    {
        var officialId = await new Given(_client).OfficialAsync("Wei Fenghe", "CN");
        var correlationId = "trace-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits") { Content = JsonContent.Create(Bodies.Visit([officialId], "RU", "2018-04")) };
        request.Headers.Add("X-Correlation-Id", correlationId);

        (await _client.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var handler = await SpanAsync(s => s.Source.Name == "SinoRussiaTimeline" && (string?)s.GetTagItem("timeline.correlation_id") == correlationId);
        handler.DisplayName.ShouldBe("RecordVisit");
        handler.GetTagItem("timeline.message.kind").ShouldBe("command");
        handler.GetTagItem("timeline.outcome").ShouldBe("ok");
        var http = await SpanAsync(s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == handler.TraceId);
        http.Kind.ShouldBe(ActivityKind.Server);
        http.DisplayName.ShouldContain("/api/visits");
        http.GetTagItem("timeline.correlation_id").ShouldBe(correlationId);
        handler.ParentSpanId.ShouldBe(http.SpanId);
        var trace = app.Spans.Snapshot().Where(s => s.TraceId == handler.TraceId).ToList();
        var sql = trace.Where(s => s.Source.Name == "Npgsql").ToList();
        sql.ShouldNotBeEmpty("no Npgsql span in the trace");
        sql.ShouldAllBe(s => DescendsFrom(s, handler, trace));
    }

    [Fact]
    public async Task Each_command_is_counted_by_type_and_outcome_and_timed()
    {
        // Other apps of the test run have meters of the same name: count this app's measurements exactly.
        var counted = new ConcurrentQueue<(string? Command, string? Outcome, long Value)>();
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "timeline.commands") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var pairs = tags.ToArray();
            counted.Enqueue((pairs.FirstOrDefault(t => t.Key == "command").Value as string, pairs.FirstOrDefault(t => t.Key == "outcome").Value as string, value));
        });
        listener.Start();

        await new Given(_client).OfficialAsync("Wang Yi", "CN");
        (await _client.PostJsonAsync("/api/officials", Bodies.Official("", "CN"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        counted.Where(c => c.Command == "RegisterOfficial").Select(c => (c.Outcome, c.Value)).ShouldBe([("ok", 1L), ("invalid", 1L)]);
        // And the OpenTelemetry pipeline exports both instruments.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var exported = app.Metrics.Snapshot();
        exported.ShouldContain(m => m.Name == "timeline.commands", "no command counter exported");
        exported.ShouldContain(m => m.Name == "timeline.command.duration", "no command duration histogram exported");
    }

    [Fact]
    public async Task Every_log_line_written_for_a_request_carries_its_correlation_id_and_trace_id()
    {
        var correlationId = "log-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/timeline");
        request.Headers.Add("X-Correlation-Id", correlationId);

        (await _client.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var lines = app.Logs.Entries.Where(e => Equals(e.Scope.GetValueOrDefault("CorrelationId"), correlationId)).ToList();
        lines.ShouldNotBeEmpty("no log line of the request carries its correlation id");
        lines.ShouldAllBe(line => line.Scope.ContainsKey("TraceId") && line.Scope.ContainsKey("SpanId"));
    }

    // A server span ends after its response is sent, so it may reach the exporter a moment after the client has the answer.
    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (app.Spans.Snapshot().FirstOrDefault(match) is { } span) return span;
            await Task.Delay(50, Ct);
        }
        throw new ShouldAssertException("The expected span was never exported.");
    }

    private static bool DescendsFrom(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }
        return false;
    }
}
