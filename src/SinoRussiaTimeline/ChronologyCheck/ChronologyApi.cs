using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.ChronologyCheck;

/// <summary>Did A happen before B? The answer follows from the dates' bounds, never from how the dates are written.</summary>
/// <param name="A">Entry a, as it stands.</param>
/// <param name="B">Entry b, as it stands.</param>
/// <param name="Relation">before, after, sameDay, overlapping or indeterminate (a relative to b).</param>
/// <param name="Reason">Why, in a sentence. <example>2018-04 and 2018-04-03 overlap: April 2018 may be before, on or after 3 April 2018</example></param>
public sealed record ChronologyResponse(EntryResponse A, EntryResponse B, ChronologyRelation Relation, string Reason);

public sealed record CompareEntries(string? A, string? B) : IQuery<ChronologyResponse>;

public sealed class CompareEntriesValidator : AbstractValidator<CompareEntries>
{
    public CompareEntriesValidator()
    {
        RuleFor(q => q.A).Must(EntryIds.IsValid).WithMessage("Give the id (UUID) of entry a.");
        RuleFor(q => q.B).Must(EntryIds.IsValid).WithMessage("Give the id (UUID) of entry b.");
    }
}

public sealed class CompareEntriesHandler(IQuerySession session) : IQueryHandler<CompareEntries, ChronologyResponse>
{
    public async ValueTask<ChronologyResponse> Handle(CompareEntries query, CancellationToken cancellationToken)
    {
        var a = query.A!.ToLowerInvariant();
        var b = query.B!.ToLowerInvariant();
        var entries = await EntryLoader.LoadInOrderAsync(session, [a, b], cancellationToken);
        var byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var (field, id) in new[] { ("a", a), ("b", b) })
        {
            if (!byId.ContainsKey(id)) throw new ResourceNotFoundException($"No entry with id '{id}' (parameter {field}).");
        }
        var result = Chronology.Compare(byId[a].ParsedDate(), byId[b].ParsedDate());
        var presented = await EntryPresenter.PresentAsync(session, [byId[a], byId[b]], cancellationToken);
        return new ChronologyResponse(presented[0], presented[1], result.Relation, result.Reason);
    }
}

public static class ChronologyApi
{
    public static IEndpointRouteBuilder MapChronology(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chronology", async (string? a, string? b, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CompareEntries(a, b), ct)))
            .WithTags("Chronology")
            .WithName("CompareEntries")
            .WithSummary("Whether entry a began before, after, on the same day as, or overlapping entry b; or that the dates cannot tell, and why.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
