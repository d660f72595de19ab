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

    /// <summary>
    /// The test "names an official whose names contain this folded text" (the officials' <c>searchText</c>, as
    /// <c>/api/officials?q=</c> matches it), worked out by PostgreSQL in the same statement: the officials matched are an
    /// array computed once per query and tested with <c>&amp;&amp;</c>, however many there are. (The service used to look
    /// them up first and pass at most 100, so a short text naming more officials missed the entries of the rest.)
    /// </summary>
    public static Expression<Func<T, bool>> NamesAnOfficialMatching<T>(string officialsTable, string foldedText) where T : TimelineEntry
    {
        var sql = $"d.official_ids && array(select o.id::text from {officialsTable} as o where o.data ->> 'searchText' like ?)";
        var pattern = "%" + EscapeLike(foldedText) + "%";
        return e => e.MatchesSql(sql, pattern);
    }

    // LIKE's wildcards and its escape character (a backslash, PostgreSQL's default) as themselves: the text is contained, not a pattern.
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static object[] Parameter(string[] values) => [values];
}
