using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Marten;
using Mediator;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Corrections;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Visits;
using SinoRussiaTimeline.Writes;

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
/// Loads a seed file with the same validators and decision rules as the API, so its data is checked exactly as a
/// client's would be. Every item's fields are checked before anything is written. Officials and offices go through the
/// API's commands one by one (a file holds few). Entries are then decided all at once against the officials as stored
/// (an unknown official, visitors of two countries...), so a bad entry stops the load before any entry is written; and
/// they are written in batches of <see cref="BatchSize"/>, one transaction each holding the batch's events and both their
/// views (<see cref="BulkEntryWriter"/>: Marten's append for the events, COPY for the documents), so a load that stops
/// leaves whole batches, never events without their views. Items already in the store (same official id,
/// office id, or the entry id derived from the item's key) are skipped, so loading twice adds nothing.
/// </summary>
public sealed class SeedLoader(
    IServiceScopeFactory scopes, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IEnumerable<IEntryKind> kinds, IDocumentStore store,
    Npgsql.NpgsqlDataSource dataSource, BulkEntryWriter writer, ILogger<SeedLoader> logger)
{
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "Seeding", "seed-data.json");

    /// <summary>
    /// Entries per transaction: large enough that the per-batch costs (the locks' round trip, the commit) are shared by
    /// many entries; 500 and 5,000 measured the same (docs/performance.md, "Bulk import and rebuild by COPY").
    /// </summary>
    public int BatchSize { get; set; } = 2_000;

    /// <summary>Loads <paramref name="file"/>; with more entries than one batch, reports progress to <paramref name="progress"/> (the seed verb passes stderr).</summary>
    public async Task<SeedReport> LoadAsync(string file, CancellationToken ct, TextWriter? progress = null)
    {
        var phase = System.Diagnostics.Stopwatch.StartNew();
        var (officialItems, entryItems, notYetRecorded) = await ReadAndPlanAsync(file, ct);
        var read = phase.Elapsed;

        await using var scope = scopes.CreateAsyncScope();
        var correlation = scope.ServiceProvider.GetRequiredService<CorrelationContext>();
        correlation.RecordedBy = "seed";
        Validate([.. officialItems.Select(i => (i.Path, i.Command)), .. entryItems.Select(i => (i.Path, i.Command))], scope.ServiceProvider);
        // Where a load spends its time, for whoever tunes it (docs/performance.md, "Bulk import and rebuild by COPY"); make
        // bench reads the validation's time from this line, for any size of file.
        if (progress is not null)
            await progress.WriteLineAsync($"seed: file read in {read.TotalSeconds:F2} s, validated in {(phase.Elapsed - read).TotalSeconds:F2} s");

        // Officials and offices go through the API's own commands, all in ONE transaction: a command the file breaks
        // leaves no official of the file behind, and the thousands of a generated file share
        // one commit instead of waiting for a disk flush each (about 8 of the 34 s of the bench's first 100,000-entry
        // file went to those commits, one per official and per office).
        int added = 0, present = 0;
        var officialsStarted = phase.Elapsed;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            using (scope.ServiceProvider.GetRequiredService<WriteTransaction>().Enlist(transaction))
            {
                var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                // What the store already holds, read in one query (not one per item), then kept up to date as items are
                // recorded, so an item the file lists twice is "already present" the second time.
                var stored = new HashSet<string>(StringComparer.Ordinal);
                foreach (var official in (await OfficialLookup.LoadAsync(session, officialItems.Select(i => i.OfficialId), ct)).Values)
                {
                    stored.Add(SeedItem.KeyOf(official.Id, null));
                    foreach (var office in official.Offices) stored.Add(SeedItem.KeyOf(official.Id, office.Id));
                }
                foreach (var item in officialItems)
                {
                    if (stored.Contains(item.Key))
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
                        throw new SeedFileException(
                            e.Errors.Select(x => $"{item.Path}.{x.Key}: {string.Join(" ", x.Value)}").ToList(),
                            "no official, office or entry was written; fix it and load again");
                    }
                    catch (Exception e) when (e is ResourceConflictException or ResourceNotFoundException)
                    {
                        throw new SeedFileException([$"{item.Path}: {e.Message}"], "no official, office or entry was written; fix it and load again");
                    }
                    stored.Add(item.Key);
                    added++;
                }
            }
            await transaction.CommitAsync(ct);
        }
        if (progress is not null && entryItems.Count > BatchSize)
            await progress.WriteLineAsync($"seed: {added:N0} officials and offices recorded in {(phase.Elapsed - officialsStarted).TotalSeconds:F1} s");

        var (entriesAdded, entriesPresent) = await LoadEntriesAsync(entryItems, correlation.Id, added, progress, ct);
        var report = new SeedReport(added + entriesAdded, present + entriesPresent, notYetRecorded);
        Log.Loaded(logger, report.Added, report.AlreadyPresent);
        return report;
    }

    private async Task<(int Added, int Present)> LoadEntriesAsync(List<EntryItem> items, string correlationId, int officialsAdded, TextWriter? progress, CancellationToken ct)
    {
        if (items.Count == 0) return (0, 0);

        var decidedIn = System.Diagnostics.Stopwatch.StartNew();
        // Every official the entries name, loaded once: entries do not change officials, so one read serves every batch.
        Dictionary<string, Officials.Official> officials;
        await using (var query = store.QuerySession())
            officials = (await OfficialLookup.LoadAsync(query, items.SelectMany(i => i.NamedOfficials), ct)).ToDictionary(StringComparer.Ordinal);

        // Decided before anything is written, so a bad entry leaves the store without any of the file's entries.
        var problems = new List<string>();
        var decided = new List<(EntryItem Item, object State)>(items.Count);
        foreach (var item in items)
        {
            try
            {
                decided.Add((item, item.Decide(officials)));
            }
            catch (RequestValidationException e)
            {
                problems.AddRange(e.Errors.Select(x => $"{item.Path}.{x.Key}: {string.Join(" ", x.Value)}"));
                if (problems.Count >= 20) break;
            }
        }
        if (problems.Count > 0)
            throw new SeedFileException(problems,
                $"{officialsAdded} officials and offices were recorded and no entry; fix the entries and load again (loading skips what is already there)");
        if (progress is not null && items.Count > BatchSize)
            await progress.WriteLineAsync($"seed: {items.Count:N0} entries decided against the officials in {decidedIn.Elapsed.TotalSeconds:F1} s");

        int added = 0, present = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var schema = store.Options.Events.DatabaseSchemaName;
        foreach (var batch in decided.Chunk(BatchSize))
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // The same supplied-id locks as the API's group commit, so a seed running beside the service (or a second seed
            // of the same file) skips what the other recorded instead of failing on it.
            var taken = await BatchLocks.LockSuppliedIdsAndFindTakenAsync(connection, transaction, schema,
                batch.Select(d => d.Item.EntryId), ct);
            var fresh = batch.Where(d => !taken.Contains(d.Item.EntryId))
                .Select(d => new NewEntry(d.Item.EntryId, d.State, correlationId, "seed")).ToList();
            await writer.AppendAsync(transaction, fresh, ct);
            added += fresh.Count;
            present += batch.Length - fresh.Count;
            await transaction.CommitAsync(ct);
            if (progress is not null && items.Count > BatchSize)
            {
                var done = added + present;
                await progress.WriteLineAsync(
                    $"seed: {done:N0} of {items.Count:N0} entries ({100.0 * done / items.Count:F0}%), {done / Math.Max(0.001, started.Elapsed.TotalSeconds):N0} entries/s");
            }
        }
        return (added, present);
    }

    /// <summary>An official (no <paramref name="OfficeId"/>) or one of its offices, and the API command that records it.</summary>
    private sealed record SeedItem(string Path, object Command, string OfficialId, string? OfficeId)
    {
        public string Key => KeyOf(OfficialId, OfficeId);

        public static string KeyOf(string officialId, string? officeId) => officeId is null ? officialId : $"{officialId}\n{officeId}";

        public async Task SendAsync(IMediator mediator, CancellationToken ct) => await mediator.Send(Command, ct);
    }

    /// <summary>An entry of the file: its command, its id (derived from its key), and its kind's rules bound to it.</summary>
    private sealed record EntryItem(
        string Path, object Command, string EntryId, IReadOnlyList<string> NamedOfficials,
        Func<IReadOnlyDictionary<string, Officials.Official>, object> Decide);

    // The file is parsed from the stream (no copy of it as one string) and its JSON tree is dropped once the commands are
    // read from it: the tree is several times the file's size, and a local of the async LoadAsync would keep it alive
    // for the whole import (about 1.5 GB on 100,000 entries before).
    private async Task<(List<SeedItem> Officials, List<EntryItem> Entries, int NotYetRecorded)> ReadAndPlanAsync(string file, CancellationToken ct)
    {
        JsonObject root;
        await using (var stream = File.OpenRead(file))
        {
            root = await JsonNode.ParseAsync(stream, cancellationToken: ct) as JsonObject
                   ?? throw new SeedFileException(["the file must hold a JSON object"]);
        }
        var (officials, entries) = Plan(root);
        return (officials, entries, (root["notYetRecorded"] as JsonArray)?.Count ?? 0);
    }

    private (List<SeedItem> Officials, List<EntryItem> Entries) Plan(JsonObject root)
    {
        var problems = new List<string>();
        var items = new List<SeedItem>();
        var entries = new List<EntryItem>();
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
            items.Add(new SeedItem($"officials[{i}]", register, officialId, null));
            foreach (var (officeNode, j) in (offices ?? []).Select((o, j) => (o!, j)))
            {
                if (Read<OfficeInput>(officeNode, $"officials[{i}].offices[{j}]") is not { } office) continue;
                var officeId = office.Id ?? RecordOfficeHandler.OfficeIdFor(office);
                items.Add(new SeedItem($"officials[{i}].offices[{j}]", new RecordOffice(officialId, office), officialId, officeId));
            }
        }
        PlanEntries(root, "visits", Kind<VisitKind>(), (c, id) => c with { Id = id }, entries, problems, Read<RecordVisit>);
        PlanEntries(root, "armsDeliveries", Kind<ArmsDeliveryKind>(), (c, id) => c with { Id = id }, entries, problems, Read<RecordArmsDelivery>);
        PlanEntries(root, "jointStatements", Kind<JointStatementKind>(), (c, id) => c with { Id = id }, entries, problems, Read<RecordJointStatement>);

        if (problems.Count > 0) throw new SeedFileException(problems);
        return (items, entries);
    }

    private T Kind<T>() => kinds.OfType<T>().Single();

    private static void PlanEntries<TCommand, TState>(JsonObject root, string section, EntryKindDefinition<TCommand, TState> kind, Func<TCommand, Guid, TCommand> withId,
        List<EntryItem> items, List<string> problems, Func<JsonNode, string, TCommand?> read)
        where TCommand : class, ICommand<EntryResponse>
        where TState : class
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
            var id = EntryIds.FromSeedKey(key).ToString("D");
            var withItsId = withId(command, Guid.Parse(id));
            items.Add(new EntryItem($"{section}[{i}]", withItsId, id, [.. kind.NamedOfficials(withItsId)],
                officials => kind.Decide(withItsId, id, officials)));
        }
    }

    private static List<(JsonObject Node, int Index)> Items(JsonObject root, string section) =>
        (root[section] as JsonArray ?? []).Select((n, i) => (n as JsonObject ?? new JsonObject(), i)).ToList();

    // Structural validation of every item up front, with the same validators the API runs, so a bad file writes nothing.
    // In parallel: a large file spends more time here than anywhere but the database, and validators are stateless.
    private static void Validate(List<(string Path, object Command)> plan, IServiceProvider services)
    {
        var validators = plan.Select(i => i.Command.GetType()).Distinct().ToDictionary(t => t,
            t => services.GetServices(typeof(IValidator<>).MakeGenericType(t)).Cast<IValidator>().ToArray());
        var problemsOf = new List<string>?[plan.Count];
        Parallel.For(0, plan.Count, i =>
        {
            var (path, command) = plan[i];
            foreach (var validator in validators[command.GetType()])
            {
                var result = validator.Validate(new ValidationContext<object>(command));
                if (!result.IsValid) (problemsOf[i] ??= []).AddRange(result.Errors.Select(e => $"{path}.{ValidationRules.ToJsonPath(e.PropertyName)}: {e.ErrorMessage}"));
            }
        });
        var problems = problemsOf.Where(p => p is not null).SelectMany(p => p!).ToList();
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
