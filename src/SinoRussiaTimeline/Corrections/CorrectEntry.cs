using System.Text.Json.Nodes;
using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Corrections;

/// <summary>The body of <c>POST /api/entries/{id}/corrections</c>.</summary>
/// <param name="Changes">The fields that change, with their new values, named as in the kind's recording body. <example>{"date": "2018-04-03"}</example></param>
/// <param name="Reason">Why the entry was wrong. <example>The ministry's own release gives the day of the visit.</example></param>
/// <param name="Sources">Where the new values come from; the entry cites them from now on.</param>
public sealed record CorrectionInput(JsonObject? Changes, string Reason, IReadOnlyList<Source> Sources);

/// <summary>The body of <c>POST /api/entries/{id}/retraction</c>.</summary>
/// <param name="Reason">Why the entry is withdrawn. <example>The visit was announced but never took place.</example></param>
public sealed record RetractionInput(string Reason);

public sealed record CorrectEntry(string EntryId, long ExpectedVersion, CorrectionInput Correction) : ICommand<EntryResponse>;

public sealed record RetractEntry(string EntryId, long ExpectedVersion, RetractionInput Retraction) : ICommand<EntryResponse>;

public sealed class CorrectEntryValidator : AbstractValidator<CorrectEntry>
{
    public CorrectEntryValidator()
    {
        RuleFor(c => c.EntryId).Must(EntryIds.IsValid).WithMessage("An entry id is a UUID.").OverridePropertyName("id");
        RuleFor(c => c.Correction).NotNull().WithMessage("A body is required: changes, reason and sources.").OverridePropertyName("body");
        When(c => c.Correction is not null, () =>
        {
            RuleFor(c => c.Correction.Changes).Must(c => c is { Count: > 0 }).WithMessage("Name at least one field that changes, with its new value.")
                .OverridePropertyName("changes");
            RuleFor(c => c.Correction.Changes).Must(c => c is null || !c.ContainsKey("id"))
                .WithMessage("An entry's id never changes.").OverridePropertyName("changes.id");
            RuleFor(c => c.Correction.Reason).Required(Limits.Description).OverridePropertyName("reason");
            this.Sources(c => c.Correction.Sources, name: "sources");
        });
    }
}

public sealed class RetractEntryValidator : AbstractValidator<RetractEntry>
{
    public RetractEntryValidator()
    {
        RuleFor(c => c.EntryId).Must(EntryIds.IsValid).WithMessage("An entry id is a UUID.").OverridePropertyName("id");
        RuleFor(c => c.Retraction).NotNull().WithMessage("A body with the reason is required.").OverridePropertyName("body");
        RuleFor(c => c.Retraction.Reason).Required(Limits.Description).When(c => c.Retraction is not null).OverridePropertyName("reason");
    }
}

/// <summary>
/// Corrections and retractions take the entry stream's lock, then compare versions: of two editors who read version 3,
/// the second to arrive finds version 4 and gets 412, never a silent overwrite.
/// </summary>
public sealed class EntryRevisionHandlers(IDocumentSession session, IEnumerable<IEntryKind> kinds)
    : ICommandHandler<CorrectEntry, EntryResponse>, ICommandHandler<RetractEntry, EntryResponse>
{
    public async ValueTask<EntryResponse> Handle(CorrectEntry command, CancellationToken cancellationToken)
    {
        var (stream, current) = await FetchAsync(command.EntryId, command.ExpectedVersion, cancellationToken);
        var kind = KindOf(current);
        var body = kind.BodyOf(current);
        foreach (var (field, value) in command.Correction.Changes!)
        {
            if (!body.ContainsKey(field))
                throw RequestValidationException.For($"changes.{field}", $"A {System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(current.Kind.ToString())} has no field '{ValidationRules.Truncate(field)}'; name fields as in its recording body.");
            body[field] = value?.DeepClone();
        }
        var note = new CorrectionNote(command.Correction.Reason.Trim(), command.Correction.Sources);
        stream.AppendOne(await kind.CorrectAsync(session, current, body, note, cancellationToken));
        return await SaveAndPresentAsync(current.Id, cancellationToken);
    }

    public async ValueTask<EntryResponse> Handle(RetractEntry command, CancellationToken cancellationToken)
    {
        var (stream, current) = await FetchAsync(command.EntryId, command.ExpectedVersion, cancellationToken);
        stream.AppendOne(await KindOf(current).RetractAsync(session, current, command.Retraction.Reason.Trim(), cancellationToken));
        return await SaveAndPresentAsync(current.Id, cancellationToken);
    }

    private async Task<(JasperFx.Events.IEventStream<TimelineEntry> Stream, TimelineEntry Current)> FetchAsync(string entryId, long expectedVersion, CancellationToken ct)
    {
        var stream = await session.Events.FetchForExclusiveWriting<TimelineEntry>(entryId.ToLowerInvariant(), ct);
        var current = stream.Aggregate ?? throw new ResourceNotFoundException($"No entry with id '{entryId}'.");
        if (current.StreamVersion != expectedVersion) throw new StaleVersionException(expectedVersion, current.StreamVersion);
        if (current.Status == EntryStatus.Retracted)
            throw new ResourceConflictException("The entry is retracted; a retracted entry is neither corrected nor retracted again.");
        return (stream, current);
    }

    private IEntryKind KindOf(TimelineEntry entry) => kinds.Single(k => k.Kind == entry.Kind);

    private async Task<EntryResponse> SaveAndPresentAsync(string entryId, CancellationToken ct)
    {
        await session.SaveChangesAsync(ct);
        return await EntryPresenter.PresentAsync(session, (await session.LoadAsync<TimelineEntry>(entryId, ct))!, ct);
    }
}
