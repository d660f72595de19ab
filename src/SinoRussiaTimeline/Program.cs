using FluentValidation;
using Marten;
using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Audit;
using SinoRussiaTimeline.ChronologyCheck;
using SinoRussiaTimeline.Corrections;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Exports;
using SinoRussiaTimeline.FirstOverseasTrips;
using SinoRussiaTimeline.Health;
using SinoRussiaTimeline.Idempotency;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Itineraries;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Observability;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Protection;
using SinoRussiaTimeline.Replay;
using SinoRussiaTimeline.Resilience;
using SinoRussiaTimeline.Seeding;
using SinoRussiaTimeline.Security;
using SinoRussiaTimeline.Timeline;
using SinoRussiaTimeline.Visits;
using SinoRussiaTimeline.Web;
using SinoRussiaTimeline.Writes;

// One executable: `serve` (the default) runs the web service; `seed [file]` loads a seed file, `rebuild` rebuilds every
// view from the log, `verify FILE --head HASH` checks an exported audit log offline (no database needed), `new-key NAME ROLE`
// makes an API key and prints it with the hash to configure.
var verb = args.FirstOrDefault() is { } first && !first.StartsWith('-') ? first : "serve";
if (verb == "verify") return await VerifyCommand.RunAsync(args[1..]);
if (verb == "new-key") return NewKeyCommand.Run(args[1..], Console.Out, Console.Error);
var builder = WebApplication.CreateBuilder(verb == "serve" ? args : args[1..].Where(a => a.StartsWith('-')).ToArray());

// Before the store (it sets fail-fast connection defaults) and the exception handler (a database outage answers 503).
builder.AddTimelineResilience().AddTimelineProtection().AddTimelineForwardedHeaders().AddTimelineTelemetry();
builder.Services.AddSingleton<TimeProvider>(RecordedClock.Instance);
builder.Services.AddScoped<CorrelationContext>();
if (verb is "seed" or "rebuild" && builder.Configuration.GetConnectionString(MartenSetup.ConnectionStringName) is { } batchConnection)
{
    // The batch verbs' statements are as long as the data: a rebuild's daemon reads the officials' events from among
    // millions of entries' events, a seed batch copies thousands of rows. The service's fail-fast command timeout (15 s,
    // Resilience) ended a rebuild of a large store on a busy machine; an operator's batch job has none.
    builder.Configuration[$"ConnectionStrings:{MartenSetup.ConnectionStringName}"] =
        new Npgsql.NpgsqlConnectionStringBuilder(batchConnection) { CommandTimeout = 0 }.ConnectionString;
}
builder.Services.AddTimelineStore(builder.Configuration);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(TelemetryBehavior<,>), typeof(ValidationBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
// Messages name fields as clients write them ("'limit' must be ..."), not as C# properties.
ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : ValidationRules.ToJsonPath(member.Name);
builder.Services.AddEntryKinds();
builder.Services.AddSingleton<SeedLoader>();
builder.Services.AddSingleton<BulkEntryWriter>();
builder.Services.AddHostedService<SeedOnStartup>();
builder.Services.AddTimelineHealth();

builder.Services.ConfigureHttpJsonOptions(options => EntryJson.ConfigureHttp(options.SerializerOptions));
// Binding failures (bad JSON, wrong content type) become exceptions, so ProblemDetailsExceptionHandler can name the field.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.RequestServices.GetRequiredService<CorrelationContext>().Id;
    context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
    if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
        context.ProblemDetails.Detail ??= "Send the body as application/json.";
});
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddTimelineSwagger();
builder.Services.AddTimelineAuthentication(builder.Configuration);
builder.Services.AddIdempotentWrites();
builder.Services.AddGroupCommit(builder.Configuration);

var app = builder.Build();

if (verb is "seed" or "rebuild") await app.Services.GetRequiredService<DatabaseSetup>().ApplyAsync(CancellationToken.None);
if (verb == "rebuild")
{
    var report = await ProjectionRebuild.RebuildAllAsync(app.Services.GetRequiredService<IDocumentStore>(), app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), CancellationToken.None);
    Console.WriteLine($"rebuild: {string.Join(", ", report.Projections)} from {report.Events} events in {report.Seconds:F1} s");
    return 0;
}
if (verb == "seed")
{
    var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith('-')) ?? SeedLoader.DefaultFile;
    try
    {
        Console.WriteLine(await app.Services.GetRequiredService<SeedLoader>().LoadAsync(file, CancellationToken.None, Console.Error));
        return 0;
    }
    catch (Exception e) when (e is SeedFileException or FileNotFoundException or DirectoryNotFoundException or System.Text.Json.JsonException)
    {
        await Console.Error.WriteLineAsync(e is SeedFileException ? e.Message : $"Cannot load the seed file '{file}': {e.Message}");
        return 1;
    }
}
if (verb is not ("serve" or "openapi"))
{
    await Console.Error.WriteLineAsync($"Unknown verb '{verb}'. Use: serve (default), seed [file], rebuild, verify FILE [--head HASH], new-key NAME ROLE, openapi [FILE].");
    return 2;
}

app.UseTimelineForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCorrelationIds();
// Headers, CORS and request limits first, so that every answer carries them (401s included); the write rate limit after
// authentication, so that it counts per API key.
app.UseTimelineProtection();
app.UseTimelineAuthentication();
app.UseETagsOnErrors();
app.UseWriteRateLimits();
app.UseTimelineSwagger();
app.UseWebPage();

app.MapHealth();
app.MapOfficials();
app.MapVisits();
app.MapArmsDeliveries();
app.MapJointStatements();
app.MapEntries();
app.MapCorrections();
app.MapTimeline();
app.MapTimelineStats();
app.MapItineraries();
app.MapFirstOverseasTrips();
app.MapChronology();
app.MapAudit();
app.MapReplay();
app.MapExports();
app.MapWebPage();
if (verb == "openapi") return await SinoRussiaTimeline.ApiDocument.OpenApiCommand.RunAsync(app, args[1..]);

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
        Console.WriteLine($"SinoRussiaTimeline is listening on {url} - API: {url}/api/timeline - Swagger UI: {url}/swagger");
});
await app.RunAsync();
return 0;

public partial class Program;
