using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Marten;
using Mediator;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Corrections;

/// <summary>
/// What the shared entry machinery (corrections, retractions) needs from each kind of entry. Each kind's folder has one
/// implementation; they are found by scanning, so a new kind registers itself.
/// </summary>
public interface IEntryKind
{
    EntryKind Kind { get; }

    /// <summary>The entry as it stands, as the body of the kind's recording command: what a correction's changes merge into.</summary>
    JsonObject BodyOf(TimelineEntry entry);

    /// <summary>Validates the corrected body exactly as a new recording would be, and decides the correction event.</summary>
    Task<object> CorrectAsync(IDocumentSession session, TimelineEntry current, JsonObject correctedBody, CorrectionNote note, CancellationToken ct);

    /// <summary>The retraction event (the caller holds the entry stream's lock).</summary>
    Task<object> RetractAsync(IDocumentSession session, TimelineEntry current, string reason, CancellationToken ct);
}

/// <summary>Why an entry was corrected and on what evidence.</summary>
public sealed record CorrectionNote(string Reason, IReadOnlyList<Source> Sources);

/// <summary>
/// The common shape of a kind: its recording command, its recorded state (the payload of its Recorded event, which its
/// Corrected and Retracted events repeat in full), and the mappings between them and the stored entry.
/// </summary>
public abstract class EntryKindDefinition<TCommand, TState>(IValidator<TCommand> validator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IEntryKind
    where TCommand : class, ICommand<EntryResponse>
    where TState : class
{
    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    public abstract EntryKind Kind { get; }

    /// <summary>The state the entry holds now, read back from the stored entry.</summary>
    public abstract TState StateOf(TimelineEntry entry);

    /// <summary>The command that would record this state.</summary>
    public abstract TCommand CommandOf(TState state);

    /// <summary>
    /// Checks what needs the store (officials exist, serve the right countries) and returns the state to record.
    /// <paramref name="current"/> is the entry being corrected, or null when recording.
    /// </summary>
    /// <remarks>
    /// No lock on the named officials: every view is of one stream (an entry, an official) and itineraries are computed
    /// when read, so writes naming the same official cannot lose each other's changes; officials are never deleted and
    /// never change country, so what this checks stays true until the commit.
    /// </remarks>
    public async Task<TState> DecideAsync(IDocumentSession session, TCommand command, string entryId, TimelineEntry? current, CancellationToken ct)
    {
        var named = NamedOfficials(command).ToList();
        var officials = named.Count == 0 ? NoOfficials : await OfficialLookup.LoadAsync(session, named, ct);
        return Decide(command, entryId, officials);
    }

    // Split in two so that group commit (Writes/GroupCommit.cs) and the seed can load the officials of many commands in
    // one query and then decide every command without the store.

    /// <summary>The officials the command names, loaded for <see cref="Decide"/>.</summary>
    public virtual IEnumerable<string> NamedOfficials(TCommand command) => [];

    /// <summary>The rules that need the named officials' records, and the state to record; pure.</summary>
    public abstract TState Decide(TCommand command, string entryId, IReadOnlyDictionary<string, Official> officials);

    private static readonly IReadOnlyDictionary<string, Official> NoOfficials = new Dictionary<string, Official>();

    protected abstract IReadOnlyList<Source> SourcesOf(TState state);

    protected abstract TState WithSources(TState state, IReadOnlyList<Source> sources);

    protected abstract object Corrected(TState before, TState after, IReadOnlyList<FieldChange> changes, CorrectionNote note, EntryOrigin origin);

    protected abstract object Retracted(TState state, string reason, EntryOrigin origin);

    public JsonObject BodyOf(TimelineEntry entry) => ToJson(CommandOf(StateOf(entry)));

    /// <summary>Records a new entry of this kind; every kind records the same way.</summary>
    public async Task<EntryResponse> RecordAsync(IDocumentSession session, TCommand command, Guid? suppliedId, CancellationToken ct)
    {
        var entryId = EntryIds.For(suppliedId);
        // Checked before appending: a stream-id collision at commit would make Marten store a tombstone event.
        if (suppliedId is not null) await EntryLoader.RequireUnusedAsync(session, entryId, ct);
        session.Events.StartStream<TimelineEntry>(entryId, await DecideAsync(session, command, entryId, null, ct));
        await session.SaveChangesAsync(ct);
        return await EntryPresenter.PresentAsync(session, (await session.LoadAsync<TimelineEntry>(entryId, ct))!, ct);
    }

    public async Task<object> CorrectAsync(IDocumentSession session, TimelineEntry current, JsonObject correctedBody, CorrectionNote note, CancellationToken ct)
    {
        TCommand command;
        try
        {
            command = correctedBody.Deserialize<TCommand>(Json) ?? throw new JsonException("The corrected entry is empty.");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? "changes." + path[2..] : "changes";
            throw RequestValidationException.For(field, e.Message.StartsWith(StorableTextConverter.Message, StringComparison.Ordinal)
                ? StorableTextConverter.Message
                : "Wrong type for this field: " + e.Message.Split(" Path:", 2)[0].Split(" to ", 2)[0] + ".");
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            var errors = new FieldErrors();
            foreach (var failure in validation.Errors) errors.Add("changes." + ValidationRules.ToJsonPath(failure.PropertyName), failure.ErrorMessage);
            errors.ThrowIfAny();
        }

        TState after;
        try
        {
            after = await DecideAsync(session, command, current.Id, current, ct);
        }
        catch (RequestValidationException e)
        {
            throw new RequestValidationException(e.Errors.ToDictionary(x => "changes." + x.Key, x => x.Value));
        }

        // Judged on the changes as given: the sources cited for them would otherwise make any correction "change" the
        // entry, and a value confirmed as it stands would be recorded as a correction.
        var before = StateOf(current);
        if (Diff(ToJson(CommandOf(before)), ToJson(CommandOf(after))).Count == 0)
            throw RequestValidationException.For("changes", "Nothing would change: every value given equals the entry's current value.");

        // The correction's sources back the new values, so the entry cites them from now on.
        after = WithSources(after, [.. SourcesOf(after), .. note.Sources.Where(s => !SourcesOf(after).Contains(s))]);
        if (SourcesOf(after).Count > Limits.Sources)
            throw RequestValidationException.For("sources",
                $"With these, the entry would cite {SourcesOf(after).Count} sources; at most {Limits.Sources}. Replace some by naming changes.sources.");
        var changes = Diff(ToJson(CommandOf(before)), ToJson(CommandOf(after)));
        return Corrected(before, after, changes, note, OriginOf(current));
    }

    // Nothing to check or lock beyond the entry's own stream (the caller holds it): a retraction names no new official,
    // and no stored view of other streams is rewritten by it.
    public Task<object> RetractAsync(IDocumentSession session, TimelineEntry current, string reason, CancellationToken ct) =>
        Task.FromResult(Retracted(StateOf(current), reason, OriginOf(current)));

    private static EntryOrigin OriginOf(TimelineEntry entry) => new(entry.Sequence, entry.RecordedAt);

    private JsonObject ToJson(TCommand command) => JsonSerializer.SerializeToNode(command, Json)!.AsObject();

    private static List<FieldChange> Diff(JsonObject before, JsonObject after) =>
        before.Select(p => p.Key).Union(after.Select(p => p.Key))
            .Where(field => field != "id" && !JsonNode.DeepEquals(before[field], after[field]))
            .Select(field => new FieldChange(field, before[field]?.DeepClone(), after[field]?.DeepClone()))
            .ToList();
}

public static class EntryKindRegistration
{
    /// <summary>Registers every <see cref="IEntryKind"/> in the assembly, as itself and as an IEntryKind.</summary>
    public static IServiceCollection AddEntryKinds(this IServiceCollection services)
    {
        foreach (var type in typeof(IEntryKind).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true } && t.IsAssignableTo(typeof(IEntryKind))))
        {
            services.AddSingleton(type);
            services.AddSingleton(sp => (IEntryKind)sp.GetRequiredService(type));
        }
        return services;
    }
}
