using JasperFx.Events;
using Marten.Events.Aggregation;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Officials;

// An official's stream (keyed by the official's slug) holds who they are and the offices they held.

/// <summary>Names of an official.</summary>
/// <param name="En">Name in English. <example>Xi Jinping</example></param>
/// <param name="Zh">Name in Chinese, where known. <example>习近平</example></param>
/// <param name="Ru">Name in Russian, where known. <example>Си Цзиньпин</example></param>
public sealed record OfficialNames(string En, string? Zh = null, string? Ru = null);

public sealed record OfficialRegistered(string OfficialId, OfficialNames Names, IReadOnlyList<string> Aliases, string Country, string? WikidataId);

public sealed record OfficeRecorded(string OfficialId, string OfficeId, string Title, string Country, string From, string? To, IReadOnlyList<Source> Sources);

/// <summary>An office an official held, with its tenure as EDTF.</summary>
public sealed record Office(string Id, string Title, string Country, string From, string? To, IReadOnlyList<Source> Sources, DateTimeOffset RecordedAt = default);

/// <summary>The read model of an official: the officials routes and name lookups read it.</summary>
public sealed class Official
{
    public string Id { get; set; } = "";
    public OfficialNames Names { get; set; } = new("");
    public List<string> Aliases { get; set; } = [];
    public string Country { get; set; } = "";
    public string? WikidataId { get; set; }
    public List<Office> Offices { get; set; } = [];
    public long StreamVersion { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Every name and alias, folded, for search that ignores case and diacritics.</summary>
    public string SearchText { get; set; } = "";
}

/// <summary>Inline: a visit recorded right after its official must find the official.</summary>
public sealed partial class OfficialProjection : SingleStreamProjection<Official, string>
{
    public static Official Create(IEvent<OfficialRegistered> e) => new()
    {
        Id = e.Data.OfficialId,
        Names = e.Data.Names,
        Aliases = [.. e.Data.Aliases],
        Country = e.Data.Country,
        WikidataId = e.Data.WikidataId,
        StreamVersion = e.Version,
        RecordedAt = e.Timestamp,
        SearchText = TextFolding.Fold(string.Join(" | ", new[] { e.Data.Names.En, e.Data.Names.Zh, e.Data.Names.Ru, e.Data.OfficialId }
            .Concat(e.Data.Aliases).Where(n => !string.IsNullOrWhiteSpace(n)))),
    };

    public static void Apply(IEvent<OfficeRecorded> e, Official official)
    {
        official.Offices.Add(new Office(e.Data.OfficeId, e.Data.Title, e.Data.Country, e.Data.From, e.Data.To, e.Data.Sources, e.Timestamp));
        official.StreamVersion = e.Version;
    }
}
