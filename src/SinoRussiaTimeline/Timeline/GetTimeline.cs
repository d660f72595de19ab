using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using FluentValidation;
using Marten;
using Marten.Linq;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Timeline;

/// <summary>
/// The timeline's filters and order as sent in the query string; parsed and checked by <see cref="TimelineFiltersValidator"/>
/// so that every bad parameter is named. The timeline and its exports take the same ones.
/// </summary>
public record TimelineFilters
{
    /// <summary>Entries involving all these countries, comma-separated. <example>CN,RU</example></summary>
    [FromQuery(Name = "countries")]
    public string? Countries { get; init; }

    /// <summary>Start of the period (EDTF, inclusive): entries that may have occurred on or after its first day. <example>2018</example></summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>End of the period (EDTF, inclusive): entries that may have occurred on or before its last day. <example>2018-06</example></summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>Kinds, comma-separated: visit, armsDelivery, jointStatement. <example>visit</example></summary>
    [FromQuery(Name = "kinds")]
    public string? Kinds { get; init; }

    /// <summary>Entries naming this official in any role. <example>wei-fenghe</example></summary>
    [FromQuery(Name = "officialId")]
    public string? OfficialId { get; init; }

    /// <summary>Text to find in titles, descriptions, places, systems, tags and the names of the officials involved (case and diacritics ignored).</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Include retracted entries, flagged as such.</summary>
    [FromQuery(Name = "includeRetracted")]
    public bool? IncludeRetracted { get; init; }

    /// <summary>Recorded-time instant (RFC 3339): the timeline as the service knew it then.</summary>
    [FromQuery(Name = "asOf")]
    public string? AsOf { get; init; }

    /// <summary>asc (oldest first, default) or desc.</summary>
    [FromQuery(Name = "order")]
    public string? Order { get; init; }
}

/// <summary>The timeline's query string, as sent: the filters, and the page wanted.</summary>
public sealed record GetTimeline : TimelineFilters, IQuery<TimelinePage>
{
    /// <summary>Page size, 1 to 500; 50 by default.</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The nextCursor of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

/// <summary>A page of a list; <c>nextCursor</c> is null on the last page.</summary>
public sealed record TimelinePage(IReadOnlyList<EntryResponse> Items, string? NextCursor);

public sealed class TimelineFiltersValidator : AbstractValidator<TimelineFilters>
{
    public TimelineFiltersValidator()
    {
        RuleForEach(q => TimelineFilter.Split(q.Countries)).CountryCode().OverridePropertyName("countries");
        RuleFor(q => q.Countries).Must(c => TimelineFilter.Split(c).Count <= 10).WithMessage("At most 10 countries.");
        RuleFor(q => q.From).Edtf().When(q => q.From is not null);
        RuleFor(q => q.To).Edtf().When(q => q.To is not null);
        RuleFor(q => q.To)
            .Must((q, to) => !EdtfDate.TryParse(q.From, out var from, out _) || !EdtfDate.TryParse(to, out var end, out _) || end.LatestEnd is not { } last || last >= from.EarliestStart)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage(q => $"The period ends ({q.To}) before it starts ({q.From}).");
        RuleForEach(q => TimelineFilter.Split(q.Kinds)).Must(k => TimelineFilter.ParseKind(k) is not null)
            .WithMessage((_, k) => $"'{ValidationRules.Truncate(k)}' is not a kind; use visit, armsDelivery or jointStatement.").OverridePropertyName("kinds");
        RuleFor(q => q.Kinds).Must(k => TimelineFilter.Split(k).Count <= 3).WithMessage("At most 3 kinds: visit, armsDelivery, jointStatement.");
        RuleFor(q => q.OfficialId).Slug().When(q => q.OfficialId is not null);
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.AsOf).AsOfInstant();
        RuleFor(q => q.Order).Must(o => o is null or "asc" or "desc").WithMessage("Must be asc or desc.");
    }
}

public sealed class GetTimelineValidator : AbstractValidator<GetTimeline>
{
    public GetTimelineValidator()
    {
        Include(new TimelineFiltersValidator());
        RuleFor(q => q.Limit).InclusiveBetween(1, TimelineQuery.MaxPageSize).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).Must(c => TimelineCursor.TryParse(c, out _)).When(q => q.Cursor is not null)
            .WithMessage("Not a cursor this service issued; use nextCursor from the previous page.");
    }
}

public sealed class GetTimelineHandler(IQuerySession session) : IQueryHandler<GetTimeline, TimelinePage>
{
    public async ValueTask<TimelinePage> Handle(GetTimeline query, CancellationToken cancellationToken)
    {
        var timeline = TimelineQuery.Prepare(session, query);
        TimelineCursor? after = TimelineCursor.TryParse(query.Cursor, out var cursor) ? cursor : null;
        var (items, next) = await timeline.PageAsync(after, query.Limit ?? 50, cancellationToken);
        return new TimelinePage(items, next?.ToString());
    }
}

/// <summary>
/// The timeline's filters and order applied to the store, read a page at a time: the one query behind the timeline and
/// its exports, so an export holds exactly the entries the timeline lists for the same filters, in the same order.
/// </summary>
public sealed partial class TimelineQuery
{
    public const int MaxPageSize = 500;

    private readonly IQuerySession _session;
    private readonly TimelineFilters _filters;
    private readonly DateTimeOffset? _asOf;

    private TimelineQuery(IQuerySession session, TimelineFilters filters, DateTimeOffset? asOf)
    {
        _session = session;
        _filters = filters;
        _asOf = asOf;
    }

    /// <summary>Resolves what the filters need once (the asOf instant) for every page after.</summary>
    public static TimelineQuery Prepare(IQuerySession session, TimelineFilters filters) => new(session, filters, AsOf.Parse(filters.AsOf));

    /// <summary>Up to <paramref name="limit"/> entries after the cursor (from the start without one), and the cursor of the next page if any.</summary>
    public async Task<(IReadOnlyList<EntryResponse> Items, TimelineCursor? Next)> PageAsync(TimelineCursor? after, int limit, CancellationToken ct)
    {
        // Up to limit + 1 entries in the page's order: one more than the page says whether another page follows.
        var rows = _asOf is { } instant
            ? await ReadDocumentsAsync(AsOfPage(instant, after, limit), ct)
            : await ReadDocumentsAsync(PageOf(_session.Query<TimelineEntry>(), after, limit).ToCommand(FetchType.FetchMany), ct);
        var page = rows.Take(limit).ToList();
        TimelineCursor? next = rows.Count > limit ? TimelineCursor.After(page[^1]) : null;
        return (await EntryPresenter.PresentAsync(_session, page, ct), next);
    }

    /// <summary>Every matching entry in order, read a page at a time, so an export of any size holds one page in memory.</summary>
    public async IAsyncEnumerable<EntryResponse> AllAsync(int pageSize = MaxPageSize, [EnumeratorCancellation] CancellationToken ct = default)
    {
        TimelineCursor? after = null;
        do
        {
            var (items, next) = await PageAsync(after, pageSize, ct);
            foreach (var item in items) yield return item;
            after = next;
        } while (after is not null);
    }

    /// <summary>
    /// How many matching entries start (earliest possible day) in each year, by kind, counted by PostgreSQL: the query is
    /// the timeline's own (Marten's translation of the same filters, over the current entries, or over both tables of
    /// <see cref="AsOf"/>), with its select list replaced by the year, the kind and a count, grouped. Reading every matching entry's start
    /// and kind into the service to count them took seconds, a million rows over the wire and the service's memory past
    /// 300 MB for an unfiltered chart over a million entries (docs/performance.md, "The chart's counts").
    /// </summary>
    public async Task<IReadOnlyList<(int Year, EntryKind Kind, int Count)>> CountByYearAndKindAsync(CancellationToken ct)
    {
        if (_asOf is not { } instant) return await CountAsync(_session.Query<TimelineEntry>(), ct);
        // As of an instant, the entries current then are in two tables (AsOf) and no entry is in both: the counts add up.
        var current = await CountAsync(_session.Query<TimelineEntry>().CurrentAt(instant), ct);
        var replaced = await CountAsync(_session.Query<EntryRevision>().ValidAt(instant), ct);
        return [.. current.Concat(replaced).GroupBy(c => (c.Year, c.Kind)).Select(g => (g.Key.Year, g.Key.Kind, g.Sum(c => c.Count)))];
    }

    private async Task<List<(int Year, EntryKind Kind, int Count)>> CountAsync<T>(IQueryable<T> entries, CancellationToken ct) where T : TimelineEntry
    {
        var command = Filter(entries).ToCommand(FetchType.FetchMany);
        // The same rows, grouped. start_earliest is the entry's earliest possible day as a day number (DateOnly.DayNumber:
        // days since 0001-01-01).
        command.CommandText = "select extract(year from date '0001-01-01' + d.start_earliest)::int, d.data ->> 'kind', count(*)::int from "
            + AfterDocumentSelect(command.CommandText, "the counts") + " group by 1, 2";
        var counts = new List<(int, EntryKind, int)>();
        await using var reader = await _session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
            counts.Add((reader.GetInt32(0), Enum.Parse<EntryKind>(reader.GetString(1)), reader.GetInt32(2)));
        return counts;
    }

    // The filters, the cursor and the page's order over one table: up to limit + 1 documents.
    private IQueryable<T> PageOf<T>(IQueryable<T> entries, TimelineCursor? after, int limit) where T : TimelineEntry
    {
        entries = Filter(entries);
        if (after is { } cursor) entries = entries.Where(cursor.Follows<T>(_filters.Order == "desc"));
        return InOrder(entries).Take(limit + 1);
    }

    // As of an instant, the entries current then are in two tables (AsOf), and no entry is in both: each table's first
    // limit + 1 in the page's order (Marten's statements for the same filters, cursor and order), and of those together
    // the first limit + 1, in one statement. PostgreSQL merges the two ordered lists and sends only the page's rows; two
    // statements cost a round trip more and twice the documents read (docs/performance.md, "Revisions of replaced
    // versions only").
    private NpgsqlCommand AsOfPage(DateTimeOffset instant, TimelineCursor? after, int limit)
    {
        var current = PageOf(_session.Query<TimelineEntry>().CurrentAt(instant), after, limit).ToCommand(FetchType.FetchMany);
        var replaced = PageOf(_session.Query<EntryRevision>().ValidAt(instant), after, limit).ToCommand(FetchType.FetchMany);
        // Marten names its parameters :p0, :p1, … in each statement; the second statement's are renamed to follow the first's.
        var offset = current.Parameters.Count;
        string Renamed(int index) => "p" + (index + offset).ToString(CultureInfo.InvariantCulture);
        var second = MartenParameter().Replace(WithSortKey(replaced.CommandText),
            m => ":" + Renamed(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        foreach (var parameter in replaced.Parameters.ToList())
        {
            replaced.Parameters.Remove(parameter);
            parameter.ParameterName = Renamed(int.Parse(parameter.ParameterName.TrimStart(':', '@').TrimStart('p'), CultureInfo.InvariantCulture));
            current.Parameters.Add(parameter);
        }
        var order = _filters.Order == "desc" ? "start_earliest desc, start_latest, sequence desc" : "start_earliest, start_latest desc, sequence";
        current.CommandText = $"select data from (({WithSortKey(current.CommandText)}) union all ({second})) as page order by {order} limit {limit + 1}";
        return current;
    }

    // Marten's statement for a page with the sort key beside the document, for the outer order by.
    private static string WithSortKey(string statement) =>
        "select d.data, d.start_earliest, d.start_latest, d.sequence from " + AfterDocumentSelect(statement, "the asOf page");

    // Marten's statement selects the document ("select d.data from <table> as d where ...;"): what follows its select list,
    // without the final semicolon, for a statement that selects something else from the same rows.
    private static string AfterDocumentSelect(string statement, string purpose)
    {
        const string documents = "select d.data from ";
        if (!statement.StartsWith(documents, StringComparison.Ordinal))
            throw new InvalidOperationException($"Marten's statement for the timeline has an unexpected shape; {purpose} need its select list to be the document's: {statement}");
        return statement[documents.Length..].TrimEnd().TrimEnd(';');
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!:):p(\d+)\b")]
    private static partial System.Text.RegularExpressions.Regex MartenParameter();

    // The page's order, in SQL.
    private IOrderedQueryable<T> InOrder<T>(IQueryable<T> entries) where T : TimelineEntry => _filters.Order == "desc"
        ? entries.OrderByDescending(e => e.StartEarliest).ThenBy(e => e.StartLatest).ThenByDescending(e => e.Sequence)
        : entries.OrderBy(e => e.StartEarliest).ThenByDescending(e => e.StartLatest).ThenBy(e => e.Sequence);

    // A page's statement (Marten's own for one table, or the asOf union built from Marten's two), its documents read with
    // Marten's own serializer, so they are the ones ToListAsync gave. ToListAsync deserializes each
    // document with DeserializeAsync over a stream, System.Text.Json's resumable path; the row is already in memory
    // (Npgsql buffers a whole row outside sequential access), and the serializer's synchronous read of it costs less
    // (docs/performance.md, "The page's CPU, split").
    private async Task<List<TimelineEntry>> ReadDocumentsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var serializer = _session.DocumentStore.Options.Serializer();
        var documents = new List<TimelineEntry>();
        await using var reader = await _session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct)) documents.Add(serializer.FromJson<TimelineEntry>(reader, 0));
        return documents;
    }

    private IQueryable<T> Filter<T>(IQueryable<T> entries) where T : TimelineEntry
    {
        foreach (var country in TimelineFilter.Split(_filters.Countries)) entries = entries.InvolvingCountry(country);
        var kinds = TimelineFilter.Split(_filters.Kinds).Select(k => TimelineFilter.ParseKind(k)!.Value).Distinct().ToArray();
        if (kinds.Length > 0) entries = entries.Where(e => kinds.Contains(e.Kind));
        if (_filters.OfficialId is { } officialId) entries = entries.NamingOfficial(officialId);
        if (_filters.From is not null)
        {
            var first = EdtfDate.Parse(_filters.From).EarliestStart.DayNumber;
            entries = entries.Where(e => e.EndLatest >= first);
        }
        if (_filters.To is not null && EdtfDate.Parse(_filters.To).LatestEnd is { } lastDay)
        {
            var last = lastDay.DayNumber;
            entries = entries.Where(e => e.StartEarliest <= last);
        }
        if (_filters.IncludeRetracted != true) entries = entries.Where(e => e.Status != EntryStatus.Retracted);
        if (!string.IsNullOrWhiteSpace(_filters.Q)) entries = entries.Where(TextMatch<T>(_filters.Q));
        return entries;
    }

    // Text matches the entry's own words, or the name of an official involved: a journalist types "Shoygu", not an id.
    private Expression<Func<T, bool>> TextMatch<T>(string q) where T : TimelineEntry
    {
        var folded = TextFolding.Fold(q.Trim());
        Expression<Func<T, bool>> match = e => e.SearchText.Contains(folded);
        // Or names an official whose names hold the text: one `&&` over the officials column, the officials found by
        // PostgreSQL in the same statement (Timeline/EntryArrayFilters.cs).
        var named = EntryArrayFilters.NamesAnOfficialMatching<T>(_session.DocumentStore.TableOf<Official>(), folded);
        var entry = match.Parameters[0];
        var namedBody = new ParameterReplacer(named.Parameters[0], entry).Visit(named.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(match.Body, namedBody), entry);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

public static class TimelineFilter
{
    public static IReadOnlyList<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static EntryKind? ParseKind(string kind) => kind switch
    {
        "visit" => EntryKind.Visit,
        "armsDelivery" => EntryKind.ArmsDelivery,
        "jointStatement" => EntryKind.JointStatement,
        _ => null,
    };
}

/// <summary>
/// Keyset paging: the cursor is the sort key of the last item served, so a page never skips or repeats an entry even
/// while new ones are recorded, and deep pages cost the same as the first.
/// </summary>
public readonly record struct TimelineCursor(int StartEarliest, int StartLatest, long Sequence)
{
    public static TimelineCursor After(TimelineEntry e) => new(e.StartEarliest, e.StartLatest, e.Sequence);

    public override string ToString() =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(FormattableString.Invariant($"v1:{StartEarliest}:{StartLatest}:{Sequence}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string? text, out TimelineCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 100) return false;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts is not ["v1", var a, var b, var c]) return false;
            var ok = int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var se)
                     & int.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sl)
                     & long.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq);
            cursor = new TimelineCursor(se, sl, seq);
            return ok;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Entries strictly after this position in the chosen order.</summary>
    public Expression<Func<T, bool>> Follows<T>(bool descending) where T : TimelineEntry
    {
        var (a, b, c) = (StartEarliest, StartLatest, Sequence);
        return descending
            ? e => e.StartEarliest < a || (e.StartEarliest == a && (e.StartLatest > b || (e.StartLatest == b && e.Sequence < c)))
            : e => e.StartEarliest > a || (e.StartEarliest == a && (e.StartLatest < b || (e.StartLatest == b && e.Sequence > c)));
    }
}

public static class TimelineApi
{
    public static IEndpointRouteBuilder MapTimeline(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/timeline", async ([AsParameters] GetTimeline query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithTags("Timeline")
            .WithName("GetTimeline")
            .WithSummary("Entries in chronological order (earliest possible start; then the less precise first, so April 2018 comes before 1 April 2018; then order recorded), filtered and paged.")
            .ProducesValidationProblem();
        return app;
    }
}
