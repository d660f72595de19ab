using System.Text.Json.Nodes;
using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Entries;

/// <summary>One stored event of an entry, as an auditor or a journalist reads it.</summary>
/// <param name="Sequence">Position in the global log.</param>
/// <param name="Version">Version of the entry this event produced.</param>
/// <param name="Type">The event's type as stored. <example>visit_corrected</example></param>
/// <param name="RecordedAt">When the service recorded it (server clock).</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="CorrelationId">The request that recorded it.</param>
/// <param name="Reason">For a correction or retraction: why.</param>
/// <param name="Changes">For a correction: each changed field, as first reported (before) and as corrected (after).</param>
/// <param name="Data">The event exactly as stored.</param>
/// <param name="Entry">The entry as it stood after this event.</param>
public sealed record HistoryItem(
    long Sequence, long Version, string Type, DateTimeOffset RecordedAt, string? RecordedBy, string? CorrelationId,
    string? Reason, IReadOnlyList<FieldChange>? Changes, JsonNode? Data, EntryResponse? Entry);

public sealed record EntryHistoryResponse(string EntryId, IReadOnlyList<HistoryItem> Items);

public sealed record GetEntryHistory(string Id) : IQuery<EntryHistoryResponse>;

public sealed class GetEntryHistoryValidator : AbstractValidator<GetEntryHistory>
{
    public GetEntryHistoryValidator() => RuleFor(q => q.Id).Must(EntryIds.IsValid).WithMessage("An entry id is a UUID.");
}

public sealed class GetEntryHistoryHandler(IQuerySession session) : IQueryHandler<GetEntryHistory, EntryHistoryResponse>
{
    public async ValueTask<EntryHistoryResponse> Handle(GetEntryHistory query, CancellationToken cancellationToken)
    {
        var id = query.Id.ToLowerInvariant();
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        if (events.Count == 0) throw new ResourceNotFoundException($"No entry with id '{query.Id}'.");

        // Every event of an entry's stream carries the entry's full state: the version after each event is built from the
        // event alone, with the builder the projections run (EntryDocuments), so no view is read.
        var versions = events.Select(EntryDocuments.Of<TimelineEntry>).ToList();
        var presented = (await EntryPresenter.PresentAsync(session, versions, cancellationToken))
            .Zip(versions, (response, version) => (version.StreamVersion, response))
            .ToDictionary(x => x.StreamVersion, x => x.response);
        var serializer = session.DocumentStore.Options.Serializer();

        return new EntryHistoryResponse(id, events.Select(e =>
        {
            var data = JsonNode.Parse(serializer.ToJson(e.Data));
            return new HistoryItem(
                e.Sequence, e.Version, e.EventTypeName, e.Timestamp, e.UserName, e.CorrelationId,
                data?["reason"]?.GetValue<string>(),
                data?["changes"] is JsonArray changes
                    ? changes.Select(c => new FieldChange(c!["field"]!.GetValue<string>(), c["before"]?.DeepClone(), c["after"]?.DeepClone())).ToList()
                    : null,
                data,
                presented.GetValueOrDefault(e.Version));
        }).ToList());
    }
}
