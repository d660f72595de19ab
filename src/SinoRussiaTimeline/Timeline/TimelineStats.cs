using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Timeline;

/// <summary>The timeline's filters, for counting: how many matching entries each year holds, by kind.</summary>
public sealed record GetTimelineStats : TimelineFilters, IQuery<TimelineStats>;

public sealed class GetTimelineStatsValidator : AbstractValidator<GetTimelineStats>
{
    public GetTimelineStatsValidator() => Include(new TimelineFiltersValidator());
}

/// <summary>Counts of the matching entries per year, oldest first; years without entries are left out.</summary>
/// <param name="Total">All matching entries.</param>
public sealed record TimelineStats(int Total, IReadOnlyList<YearCounts> Years);

/// <summary>One year's entries by kind. An entry counts in the year of its earliest possible start ("c. 2013" in 2012 when its bounds begin there).</summary>
public sealed record YearCounts(int Year, int Visit, int ArmsDelivery, int JointStatement);

public sealed class GetTimelineStatsHandler(IQuerySession session) : IQueryHandler<GetTimelineStats, TimelineStats>
{
    public async ValueTask<TimelineStats> Handle(GetTimelineStats query, CancellationToken cancellationToken)
    {
        var timeline = TimelineQuery.Prepare(session, query);
        return Tally(await timeline.CountByYearAndKindAsync(cancellationToken));
    }

    /// <summary>Puts (year, kind, count) rows together as per-year counts, oldest year first.</summary>
    public static TimelineStats Tally(IReadOnlyList<(int Year, EntryKind Kind, int Count)> counts) => new(
        counts.Sum(c => c.Count),
        counts.GroupBy(c => c.Year)
            .OrderBy(g => g.Key)
            .Select(g => new YearCounts(
                g.Key,
                g.Where(c => c.Kind == EntryKind.Visit).Sum(c => c.Count),
                g.Where(c => c.Kind == EntryKind.ArmsDelivery).Sum(c => c.Count),
                g.Where(c => c.Kind == EntryKind.JointStatement).Sum(c => c.Count)))
            .ToList());
}

public static class TimelineStatsApi
{
    public static IEndpointRouteBuilder MapTimelineStats(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/timeline/stats", async ([AsParameters] GetTimelineStats query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithTags("Timeline")
            .WithName("GetTimelineStats")
            .WithSummary("How many entries match the timeline's filters, per year and kind (the web page's chart); takes the same filters as the timeline.")
            .ProducesValidationProblem();
        return app;
    }
}
