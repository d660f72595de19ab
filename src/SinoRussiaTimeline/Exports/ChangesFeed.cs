using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using FluentValidation;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Exports;

/// <summary>The latest recorded changes to the timeline, newest first.</summary>
public sealed record GetRecordedChanges : IQuery<IReadOnlyList<RecordedChange>>
{
    /// <summary>How many changes, 1 to 200; 50 by default.</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }
}

public enum ChangeKind { Recorded, Corrected, Retracted }

/// <summary>One version of an entry as it was recorded: a new entry, a correction or a retraction.</summary>
public sealed record RecordedChange(
    string EntryId, long Version, ChangeKind Change, EntryKind Kind, string Title, string? Description, string DisplayDate,
    DateTimeOffset RecordedAt, DateTimeOffset FirstRecordedAt, string? RecordedBy, string? Reason, IReadOnlyList<string> ChangedFields);

public sealed class GetRecordedChangesValidator : AbstractValidator<GetRecordedChanges>
{
    public GetRecordedChangesValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, ChangesFeed.MaxLimit).When(q => q.Limit is not null);
}

public sealed class GetRecordedChangesHandler(IQuerySession session) : IQueryHandler<GetRecordedChanges, IReadOnlyList<RecordedChange>>
{
    public async ValueTask<IReadOnlyList<RecordedChange>> Handle(GetRecordedChanges query, CancellationToken cancellationToken)
    {
        // Each version of an entry is stamped with when it was recorded: the current ones are the entries, the replaced ones
        // the revisions (Entries/AsOf.cs), and the feed reads the latest of both rather than replaying the log. The events
        // of those versions add who recorded them and, for corrections and retractions, the reason and the fields changed.
        var limit = query.Limit ?? ChangesFeed.DefaultLimit;
        List<TimelineEntry> both =
        [
            .. await Latest(session.Query<TimelineEntry>(), limit).ToListAsync(cancellationToken),
            .. await Latest(session.Query<EntryRevision>(), limit).ToListAsync(cancellationToken),
        ];
        var versions = both.OrderByDescending(r => r.LastRecordedAt).ThenByDescending(r => r.Sequence).ThenByDescending(r => r.StreamVersion)
            .Take(limit).ToList();
        if (versions.Count == 0) return [];

        var streams = versions.Select(r => r.Id).Distinct(StringComparer.Ordinal).ToArray();
        var events = (await session.Events.QueryAllRawEvents().Where(e => e.StreamKey!.IsOneOf(streams)).ToListAsync(cancellationToken))
            .ToDictionary(e => (e.StreamKey!, e.Version));
        var serializer = session.DocumentStore.Options.Serializer();

        return versions.Select(r =>
        {
            var stored = events.GetValueOrDefault((r.Id, r.StreamVersion));
            var data = stored is null ? null : JsonNode.Parse(serializer.ToJson(stored.Data));
            var change = r.StreamVersion == 1 ? ChangeKind.Recorded : r.Status == EntryStatus.Retracted ? ChangeKind.Retracted : ChangeKind.Corrected;
            var fields = data?["changes"] is JsonArray changes
                ? changes.Select(c => c?["field"]?.GetValue<string>()).OfType<string>().ToList()
                : [];
            return new RecordedChange(r.Id, r.StreamVersion, change, r.Kind, r.Title, r.Description, r.ParsedDate().ToDisplayString(),
                r.LastRecordedAt, r.RecordedAt, stored?.UserName, data?["reason"]?.GetValue<string>(), fields);
        }).ToList();
    }

    // The latest versions first (by when they were recorded; then the entry's order recorded, then the version), in SQL
    // over each table; the same order merges the two in memory above.
    private static IQueryable<T> Latest<T>(IQueryable<T> versions, int limit) where T : TimelineEntry =>
        versions.OrderByDescending(r => r.LastRecordedAt).ThenByDescending(r => r.Sequence).ThenByDescending(r => r.StreamVersion).Take(limit);
}

/// <summary>
/// The latest recorded changes as an Atom feed (RFC 4287), so a newsroom can follow additions, corrections and
/// retractions in a feed reader. Each Atom entry is one version of a timeline entry, with a stable id of its own.
/// </summary>
public static class ChangesFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    // Namespace of the name-based (RFC 9562 version 5) ids of the feed and its entries: one per entry version, for ever.
    private static readonly Guid FeedNamespace = new("3b7d0f4e-58a2-4c61-8e0d-9f6a2c41b7d3");

    public static string EntryVersionId(string entryId, long version) =>
        "urn:uuid:" + EntryIds.NameBased(FeedNamespace, EntryRevision.IdFor(entryId, version)).ToString("D");

    public static byte[] Write(IReadOnlyList<RecordedChange> changes, Func<string, Uri> url, DateTimeOffset now)
    {
        var feed = new SyndicationFeed(
            "SinoRussiaTimeline: latest recorded changes",
            "New entries, corrections and retractions, newest first. Each item is one version of a timeline entry.",
            url("/api/timeline"),
            "urn:uuid:" + EntryIds.NameBased(FeedNamespace, "recorded-changes").ToString("D"),
            changes.Count > 0 ? changes[0].RecordedAt : now)
        {
            Generator = "SinoRussiaTimeline",
            Items = changes.Select(change => Item(change, url)).ToList(),
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(url("/api/feed.atom"), "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = "SinoRussiaTimeline" });

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(xml);
        return buffer.ToArray();
    }

    public static string Title(RecordedChange change) => change.Change switch
    {
        ChangeKind.Corrected => "Corrected: " + change.Title,
        ChangeKind.Retracted => "Retracted: " + change.Title,
        _ => "New: " + change.Title,
    };

    public static string Summary(RecordedChange change) => change.Change switch
    {
        ChangeKind.Corrected => $"Correction (version {change.Version})"
                                + (change.ChangedFields.Count > 0 ? " of " + string.Join(", ", change.ChangedFields) : "")
                                + $". Reason: {change.Reason}",
        ChangeKind.Retracted => $"Retracted (version {change.Version}). Reason: {change.Reason}",
        _ => $"{ExportText.KindLabel(change.Kind)}, {change.DisplayDate}." + (string.IsNullOrWhiteSpace(change.Description) ? "" : " " + change.Description),
    };

    private static SyndicationItem Item(RecordedChange change, Func<string, Uri> url)
    {
        var item = new SyndicationItem
        {
            Id = EntryVersionId(change.EntryId, change.Version),
            Title = new TextSyndicationContent(Title(change)),
            Summary = new TextSyndicationContent(Summary(change)),
            LastUpdatedTime = change.RecordedAt,
            PublishDate = change.FirstRecordedAt,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(url($"/api/entries/{change.EntryId}"), "application/json"));
        item.Links.Add(new SyndicationLink(url($"/api/entries/{change.EntryId}/history"), "related", "History of the entry", "application/json", 0));
        item.Authors.Add(new SyndicationPerson { Name = change.RecordedBy ?? "SinoRussiaTimeline" });
        item.Categories.Add(new SyndicationCategory(ExportText.Kind(change.Kind), null, ExportText.KindLabel(change.Kind)));
        item.Categories.Add(new SyndicationCategory(change.Change.ToString().ToLowerInvariant()));
        return item;
    }

    public static IEndpointRouteBuilder MapChangesFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feed.atom", async ([AsParameters] GetRecordedChanges query, IMediator mediator, HttpContext http, TimeProvider clock) =>
            {
                var changes = await mediator.Send(query, http.RequestAborted);
                var atom = Write(changes, path => ExportText.Absolute(http.Request, path), clock.GetUtcNow());
                return TypedResults.Bytes(atom, ContentType);
            })
            .WithTags(ExportsApi.Tag)
            .WithName("ChangesFeed")
            .WithSummary("An Atom feed (RFC 4287) of the latest recorded changes: new entries, corrections and retractions, newest first.")
            .WithDescription("Each item is one version of an entry: its id is a urn:uuid stable for that version, its title starts with "
                             + "'New:', 'Corrected:' or 'Retracted:', updated is when the service recorded it, the link leads to the entry, "
                             + "and the summary gives the reason for a correction or retraction and the fields a correction changed.")
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .ProducesValidationProblem();
        return app;
    }
}
