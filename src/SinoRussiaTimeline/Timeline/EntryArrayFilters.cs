using System.Linq.Expressions;
using Marten.Linq.MatchesSql;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Timeline;

/// <summary>
/// The one way every query tests an entry's or a revision's countries and officials: over their duplicated text[]
/// columns (Infrastructure/MartenSetup.cs) with <c>@&gt;</c> and <c>&amp;&amp;</c>, the operators their GIN indexes serve.
/// LINQ's <c>Countries.Contains(x)</c> on a duplicated array becomes <c>x = ANY(d.countries)</c> in Marten 9, which no
/// index serves (a sequential scan of the table); and before the columns existed it became <c>data @&gt; {..}</c> over
/// the whole document, whose statistics PostgreSQL does not keep for documents over 1 kB.
/// </summary>
public static class EntryArrayFilters
{
    // `d` is the document table's alias in every query Marten builds for a document type. Each array is passed wrapped
    // in an object[] (Parameter below): MatchesSql takes `params object[]`, and a bare string[] would be taken as the
    // list of parameters itself, one text parameter per element.
    private const string CountriesContain = "d.countries @> ?";
    private const string OfficialIdsContain = "d.official_ids @> ?";
    private const string OfficialIdsOverlap = "d.official_ids && ?";

    /// <summary>Entries involving this country.</summary>
    public static IQueryable<T> InvolvingCountry<T>(this IQueryable<T> entries, string country) where T : TimelineEntry
    {
        var parameters = Parameter([country]);
        return entries.Where(e => e.MatchesSql(CountriesContain, parameters));
    }

    /// <summary>Entries naming this official in any role.</summary>
    public static IQueryable<T> NamingOfficial<T>(this IQueryable<T> entries, string officialId) where T : TimelineEntry
    {
        var parameters = Parameter([officialId]);
        return entries.Where(e => e.MatchesSql(OfficialIdsContain, parameters));
    }

    /// <summary>The test "names at least one of these officials", to combine with others (the text search ORs it).</summary>
    public static Expression<Func<T, bool>> NamesAnyOf<T>(IReadOnlyCollection<string> officialIds) where T : TimelineEntry
    {
        var parameters = Parameter([.. officialIds]);
        return e => e.MatchesSql(OfficialIdsOverlap, parameters);
    }

    private static object[] Parameter(string[] values) => [values];
}
