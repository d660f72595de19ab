using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using SinoRussiaTimeline.Audit;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Itineraries;
using SinoRussiaTimeline.Officials;
using Weasel.Core;

namespace SinoRussiaTimeline.Infrastructure;

public static class MartenSetup
{
    public const string ConnectionStringName = "Timeline";

    /// <summary>The service's connection string, as configured (with the fail-fast defaults Resilience adds); refused when missing.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException(
            $"No connection string: set ConnectionStrings:{ConnectionStringName} (or the environment variable ConnectionStrings__{ConnectionStringName}); `make run` starts a local PostgreSQL and sets it for you.");

    /// <summary>
    /// The schema-qualified table in which this store keeps documents of <typeparamref name="TDocument"/>, for the few
    /// statements written by hand (the schema differs between the service and each test class).
    /// </summary>
    public static string TableOf<TDocument>(this IDocumentStore store) =>
        store.Options.FindOrResolveDocumentType(typeof(TDocument)).TableName.QualifiedName;

    public static IServiceCollection AddTimelineStore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        var schema = configuration["Timeline:Schema"] ?? "timeline";
        var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        var auditLog = new AuditLog(dataSource, schema);
        // Through a factory, so that the container owns the pool and closes its connections when the host stops (a ready
        // instance is never disposed by it; DatabaseSetup, started with every host, resolves it). Test hosts come and go in
        // one process; each used to leave its connections open until the process ended, over 200 at once in a `make test`
        // run against max_connections 300 (ShutdownTests).
        services.AddSingleton(_ => dataSource);
        services.AddSingleton(auditLog);
        // Before Marten's hosted services: the schema and the append-only guard exist before the daemon starts.
        services.AddSingleton<DatabaseSetup>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseSetup>());
        services.AddScoped<WriteTransaction>();

        services.AddMarten(options =>
            {
                ConfigureEventLog(options, dataSource, schema);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

                // All inline: the contract says a write is visible in every view when its response returns.
                options.Projections.Add<OfficialProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<EntryProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<EntryRevisionProjection>(ProjectionLifecycle.Inline);

                // The hash chain is built asynchronously, in order, by one node at a time (HotCold). Schemas sharing a
                // database (tests) need their own leadership lock.
                options.Events.Subscribe(new AuditChainSubscription(auditLog));
                options.Projections.DaemonLockId = StableLockId(schema);
                // Standby nodes try the leadership lock every LeadershipPollingTime ms (JasperFx's default is 5,000). The
                // lock is a session advisory lock, so PostgreSQL drops it as soon as a dead leader's connection closes;
                // one second here bounds a takeover at about a second plus that (docs/deployment.md, "Several nodes").
                options.Projections.LeadershipPollingTime = 1_000;

                // The timeline's sort key and filters as real columns, so paging and period filters use an index. The
                // date bounds are read only through the page-order index below, so they get no index of their own
                // (Marten's Duplicate always adds one): six single-column indexes fewer to maintain at every write.
                options.Policies.ForAllDocuments(mapping =>
                {
                    if (!mapping.DocumentType.IsAssignableTo(typeof(TimelineEntry))) return;
                    foreach (var member in DateBoundColumns) mapping.DuplicateField(member);
                });
                options.Schema.For<TimelineEntry>()
                    .Duplicate(e => e.Sequence)
                    .Index(TimelinePageOrder<TimelineEntry>(), index => index.Name = "mt_doc_timelineentry_idx_page_order")
                    // Countries and officials as text[] columns with a GIN index each, tested with `@>` (Timeline/
                    // EntryArrayFilters.cs). A GIN index over the whole document served the same tests but cost two
                    // thirds of the database's work of writing an entry, and large documents have no usable statistics.
                    .Duplicate(e => e.Countries, TextArray, TextArrayParameter, GinIndex)
                    .Duplicate(e => e.OfficialIds, TextArray, TextArrayParameter, GinIndex)
                    // asOf reads the current entries recorded by the instant, and the changes feed the latest recorded
                    // (Entries/AsOf.cs, Exports/ChangesFeed.cs); a store of an older build gets it from
                    // CurrentVersionsUpgrade, not from Marten's one-statement migration.
                    .Duplicate(e => e.LastRecordedAt);
                // Revisions of replaced versions answer asOf with the entries: the same columns, plus the interval of the
                // recorded clock each was current in.
                options.Schema.For<EntryRevision>()
                    .Identity(r => r.RevisionId)
                    .Index(r => r.Id)
                    .Duplicate(r => r.Sequence)
                    .Duplicate(r => r.LastRecordedAt)
                    .Duplicate(r => r.RecordedUntil)
                    .Index(TimelinePageOrder<EntryRevision>(), index => index.Name = "mt_doc_entryrevision_idx_page_order")
                    // As on the entries: the asOf page, itineraries and officialId filters test these columns.
                    .Duplicate(r => r.Countries, TextArray, TextArrayParameter, GinIndex)
                    .Duplicate(r => r.OfficialIds, TextArray, TextArrayParameter, GinIndex);
                options.Schema.For<Official>().Duplicate(o => o.Country);
            })
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .BuildSessionsWith<CorrelatedSessionFactory>(ServiceLifetime.Scoped);
        return services;
    }

    /// <summary>
    /// How events are stored and serialised: shared by the service's store and the bulk seed's projection-free one
    /// (Writes/BulkEntryWriter), so an event appended by either is the same row.
    /// </summary>
    public static void ConfigureEventLog(StoreOptions options, Npgsql.NpgsqlDataSource dataSource, string schema)
    {
        // One pool for Marten and the audit log, so an outage can clear it (Resilience/DatabaseUnavailableHandler).
        options.Connection(dataSource);
        options.DatabaseSchemaName = schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        EntryJson.UseForStoredEntries(options);

        // Streams are keyed by readable strings: an official's slug, an entry's UUID.
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // Rich appends give inline projections each event's sequence, version and timestamp, which the views
        // use for stable ordering, ETags and "recorded at".
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.TimeProvider = RecordedClock.Instance;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
    }

    /// <summary>
    /// The timeline's keyset order with the period's end as a fourth key: a page is read in index order and stops after
    /// its 50 items, and the "ends on or after the period's start" test is made on the index entry, so the entries that
    /// ended before the period are skipped without reading their rows (over a million entries, the bench's page went from
    /// about 200 ms to under 10 ms; docs/performance.md). PostgreSQL still sorts start_latest descending within a day
    /// (an incremental sort over a few rows), since Marten's computed indexes take one direction for every column.
    /// </summary>
    private static IReadOnlyCollection<System.Linq.Expressions.Expression<Func<T, object>>> TimelinePageOrder<T>() where T : TimelineEntry =>
        [e => e.StartEarliest, e => e.StartLatest, e => e.Sequence, e => e.EndLatest];

    // Columns without an index of their own: the page-order index (start_earliest first, end_latest in its entries)
    // serves every query that tests them, and no query used the single-column ones (pg_stat_user_indexes: no scan in a
    // whole make bench run), which cost about a fifth of PostgreSQL's time per document insert (docs/performance.md).
    private static readonly string[] DateBoundColumns = [nameof(TimelineEntry.StartEarliest), nameof(TimelineEntry.StartLatest), nameof(TimelineEntry.EndLatest)];

    // A handful of country codes or official ids per entry: a plain text[] column, GIN-indexed (array_ops) for `@>`.
    private const string TextArray = "text[]";
    private const NpgsqlTypes.NpgsqlDbType TextArrayParameter = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text;
    private static void GinIndex(Marten.Schema.DocumentIndex index) => index.Method = Weasel.Postgresql.Tables.IndexMethod.gin;

    private static int StableLockId(string schema) =>
        (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("daemon:" + schema)), 0) & 0x3FFFFFFF) + 10_000;
}

/// <summary>
/// Stamps every session with the request's correlation id and recorder, so each stored event carries them; the session
/// joins the request's <see cref="WriteTransaction"/> when there is one.
/// </summary>
public sealed class CorrelatedSessionFactory(IDocumentStore store, CorrelationContext correlation, WriteTransaction transaction) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = transaction.OpenSession(store);
        session.CorrelationId = correlation.Id;
        session.LastModifiedBy = correlation.RecordedBy;
        return session;
    }
}
