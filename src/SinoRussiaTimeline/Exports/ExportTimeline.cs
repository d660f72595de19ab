using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Timeline;

namespace SinoRussiaTimeline.Exports;

/// <summary>The timeline's filters, for an export: every matching entry rather than a page.</summary>
public sealed record ExportTimeline : TimelineFilters, IQuery<TimelineExport>;

public sealed class ExportTimelineValidator : AbstractValidator<ExportTimeline>
{
    public ExportTimelineValidator() => Include(new TimelineFiltersValidator());
}

/// <summary>
/// The entries an export holds, read lazily a page at a time while the response is written. Everything that can be
/// wrong with the request (the filters, asOf) has been checked by then, so a bad request is still a 400 problem.
/// </summary>
public sealed record TimelineExport(TimelineFilters Filters, IAsyncEnumerable<EntryResponse> Entries);

public sealed class ExportTimelineHandler(IQuerySession session) : IQueryHandler<ExportTimeline, TimelineExport>
{
    public ValueTask<TimelineExport> Handle(ExportTimeline query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new TimelineExport(query, TimelineQuery.Prepare(session, query).AllAsync(ct: cancellationToken)));
}

/// <summary>How every export words an entry's parts in plain text, so a CSV cell and a calendar note read alike.</summary>
public static class ExportText
{
    public const string ListSeparator = "; ";
    public const string SourceFieldSeparator = " | ";
    public const string SourceSeparator = " ; ";

    /// <summary>The kind as the API names it: visit, armsDelivery, jointStatement.</summary>
    public static string Kind(EntryKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The kind as a reader names it: Visit, Arms delivery, Joint statement.</summary>
    public static string KindLabel(EntryKind kind) => kind switch
    {
        EntryKind.Visit => "Visit",
        EntryKind.ArmsDelivery => "Arms delivery",
        EntryKind.JointStatement => "Joint statement",
        _ => kind.ToString(),
    };

    public static string Status(EntryStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static string Role(OfficialRole role) => JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

    /// <summary>"Wei Fenghe (visitor); Sergei Shoigu (host)".</summary>
    public static string Officials(IEnumerable<OfficialReference> officials) =>
        string.Join(ListSeparator, officials.Select(o => $"{o.Name} ({Role(o.Role)})"));

    /// <summary>"Moscow, Russia", or the country alone.</summary>
    public static string Place(PlaceResponse? place) =>
        place is null ? "" : place.City is { Length: > 0 } city ? $"{city}, {place.CountryName}" : place.CountryName;

    /// <summary>"title | publisher | publishedOn | url": always four parts, empty where unknown, so the parts can be split again.</summary>
    public static string Source(Source source) =>
        string.Join(SourceFieldSeparator, source.Title, source.Publisher, source.PublishedOn ?? "", source.Url ?? "");

    public static string Sources(IEnumerable<Source> sources) => string.Join(SourceSeparator, sources.Select(Source));

    /// <summary>"Moscow Meetings ..., China-US Focus, 2018-06-08": a citation in one line, without its URL.</summary>
    public static string Citation(Source source) =>
        string.Join(", ", new[] { source.Title, source.Publisher, source.PublishedOn }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public static string Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The absolute URL of a path of this service, as the request reached it.</summary>
    public static Uri Absolute(HttpRequest request, string pathAndQuery) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}", UriKind.Absolute);
}

public static class ExportsApi
{
    public const string Tag = "Exports";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapTimelineCsv();
        app.MapTimelineJs();
        app.MapItineraryCalendar();
        app.MapChangesFeed();
        return app;
    }
}
