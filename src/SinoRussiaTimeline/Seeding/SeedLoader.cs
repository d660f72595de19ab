using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Marten;
using Mediator;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Seeding;

public sealed record SeedReport(int Added, int AlreadyPresent, int NotYetRecorded)
{
    public override string ToString() =>
        $"seed: {Added} added, {AlreadyPresent} already present, {NotYetRecorded} events listed as not yet recorded";
}

/// <summary>The seed data file is invalid; nothing was written.</summary>
public sealed class SeedFileException(IReadOnlyList<string> problems, string outcome = "nothing was written")
    : Exception($"The seed file is invalid; {outcome}:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Loads a seed file through the same commands as the API, so its data is validated exactly as a client's would be.
/// Every item is checked before anything is written; items already in the store (same official id, office id, or the
/// entry id derived from the item's key) are skipped, so loading twice adds nothing.
/// </summary>
public sealed class SeedLoader(IServiceScopeFactory scopes, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<SeedLoader> logger)
{
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "Seeding", "seed-data.json");

    public async Task<SeedReport> LoadAsync(string file, CancellationToken ct)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(file, ct)) as JsonObject
                   ?? throw new SeedFileException(["the file must hold a JSON object"]);
        var plan = Plan(root);

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CorrelationContext>().RecordedBy = "seed";
        Validate(plan, scope.ServiceProvider);

        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        int added = 0, present = 0;
        foreach (var item in plan)
        {
            if (await item.ExistsAsync(session, ct))
            {
                present++;
                continue;
            }
            try
            {
                await item.SendAsync(mediator, ct);
            }
            catch (RequestValidationException e)
            {
                // Rules that need the store (an official exists) are checked item by item; the items before this one
                // stay recorded, and loading again after the fix skips them.
                throw new SeedFileException(
                    e.Errors.Select(x => $"{item.Path}.{x.Key}: {string.Join(" ", x.Value)}").ToList(),
                    $"{added} earlier items were recorded; fix this one and load again (loading skips what is already there).");
            }
            added++;
        }
        var report = new SeedReport(added, present, (root["notYetRecorded"] as JsonArray)?.Count ?? 0);
        Log.Loaded(logger, report.Added, report.AlreadyPresent);
        return report;
    }

    private sealed record SeedItem(string Path, object Command, Func<IDocumentSession, CancellationToken, Task<bool>> ExistsAsync)
    {
        public async Task SendAsync(IMediator mediator, CancellationToken ct) => await mediator.Send(Command, ct);
    }

    private List<SeedItem> Plan(JsonObject root)
    {
        var problems = new List<string>();
        var items = new List<SeedItem>();
        T? Read<T>(JsonNode node, string path) where T : class
        {
            try
            {
                return node.Deserialize<T>(json.Value.SerializerOptions) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                problems.Add($"{path}{(e.Path is { Length: > 1 } p ? p[1..] : "")}: {e.Message.Split(" Path:", 2)[0]}");
                return null;
            }
        }

        foreach (var (node, i) in Items(root, "officials"))
        {
            var offices = node["offices"] as JsonArray;
            node.Remove("offices");
            if (Read<RegisterOfficial>(node, $"officials[{i}]") is not { } register) continue;
            var officialId = register.Id ?? TextFolding.Slugify(register.Names?.En);
            items.Add(new SeedItem($"officials[{i}]", register, async (s, ct) => await s.LoadAsync<Official>(officialId, ct) is not null));
            foreach (var (officeNode, j) in (offices ?? []).Select((o, j) => (o!, j)))
            {
                if (Read<OfficeInput>(officeNode, $"officials[{i}].offices[{j}]") is not { } office) continue;
                var officeId = office.Id ?? RecordOfficeHandler.OfficeIdFor(office);
                items.Add(new SeedItem($"officials[{i}].offices[{j}]", new RecordOffice(officialId, office),
                    async (s, ct) => (await s.LoadAsync<Official>(officialId, ct))?.Offices.Any(o => o.Id == officeId) == true));
            }
        }
        PlanEntries<RecordVisit>(root, "visits", (c, id) => c with { Id = id }, items, problems, Read<RecordVisit>);
        PlanEntries<RecordArmsDelivery>(root, "armsDeliveries", (c, id) => c with { Id = id }, items, problems, Read<RecordArmsDelivery>);
        PlanEntries<RecordJointStatement>(root, "jointStatements", (c, id) => c with { Id = id }, items, problems, Read<RecordJointStatement>);

        if (problems.Count > 0) throw new SeedFileException(problems);
        return items;
    }

    private static void PlanEntries<T>(JsonObject root, string section, Func<T, Guid, T> withId, List<SeedItem> items, List<string> problems,
        Func<JsonNode, string, T?> read) where T : class
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, i) in Items(root, section))
        {
            var key = node["key"]?.GetValue<string>();
            node.Remove("key");
            if (string.IsNullOrWhiteSpace(key) || !keys.Add(key))
            {
                problems.Add($"{section}[{i}].key: each entry needs a unique key; its id is derived from it.");
                continue;
            }
            if (read(node, $"{section}[{i}]") is not { } command) continue;
            var id = EntryIds.FromSeedKey(key);
            items.Add(new SeedItem($"{section}[{i}]", withId(command, id),
                async (s, ct) => await s.LoadAsync<TimelineEntry>(id.ToString("D"), ct) is not null));
        }
    }

    private static List<(JsonObject Node, int Index)> Items(JsonObject root, string section) =>
        (root[section] as JsonArray ?? []).Select((n, i) => (n as JsonObject ?? new JsonObject(), i)).ToList();

    // Structural validation of every item up front, with the same validators the API runs, so a bad file writes nothing.
    private static void Validate(List<SeedItem> plan, IServiceProvider services)
    {
        var problems = new List<string>();
        foreach (var item in plan)
        {
            var validatorType = typeof(IValidator<>).MakeGenericType(item.Command.GetType());
            foreach (var validator in services.GetServices(validatorType).Cast<IValidator>())
            {
                var result = validator.Validate(new ValidationContext<object>(item.Command));
                problems.AddRange(result.Errors.Select(e => $"{item.Path}.{ValidationRules.ToJsonPath(e.PropertyName)}: {e.ErrorMessage}"));
            }
        }
        if (problems.Count > 0) throw new SeedFileException(problems);
    }
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Seed loaded: {Added} added, {AlreadyPresent} already present")]
    public static partial void Loaded(ILogger logger, int added, int alreadyPresent);
}

/// <summary>Seeds at start-up when <c>Timeline:Seed:OnStartup</c> is true (as <c>make run</c> sets it); never otherwise.</summary>
public sealed class SeedOnStartup(SeedLoader loader, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>("Timeline:Seed:OnStartup"))
            await loader.LoadAsync(configuration["Timeline:Seed:File"] ?? SeedLoader.DefaultFile, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
