using Marten;
using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Entries;

/// <summary>An occurrence date with its honest precision.</summary>
/// <param name="Edtf">The date as recorded, in EDTF. <example>2018-04</example></param>
/// <param name="Earliest">First day it may denote. <example>2018-04-01</example></param>
/// <param name="Latest">Last day it may denote; null for an open end. <example>2018-04-30</example></param>
/// <param name="LatestStart">Last day on which it may have begun (differs from Latest for spans).</param>
/// <param name="Precision">year, month or day.</param>
/// <param name="Qualifier">approximate, uncertain or uncertainAndApproximate, when marked.</param>
/// <param name="Display">Human text at the true precision. <example>April 2018</example></param>
public sealed record DateResponse(string Edtf, DateOnly Earliest, DateOnly? Latest, DateOnly LatestStart, EdtfPrecision Precision, EdtfQualifier? Qualifier, string Display)
{
    public static DateResponse From(EdtfDate date) => new(
        date.Text, date.EarliestStart, date.LatestEnd, date.LatestStart, date.Precision,
        date.Qualifier == EdtfQualifier.None ? null : date.Qualifier, date.ToDisplayString());
}

/// <summary>An official as named on an entry.</summary>
public sealed record OfficialReference(string Id, string Name, string? NameZh, string? NameRu, string Country, OfficialRole Role);

public sealed record PlaceResponse(string Country, string CountryName, string? City);

/// <summary>An entry as clients read it.</summary>
public sealed record EntryResponse(
    string Id,
    EntryKind Kind,
    DateResponse Date,
    string Title,
    string? Description,
    IReadOnlyList<string> Countries,
    IReadOnlyList<OfficialReference> Officials,
    PlaceResponse? Place,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Source> Sources,
    EntryStatus Status,
    long Version,
    DateTimeOffset RecordedAt,
    VisitDetails? Visit,
    ArmsDeliveryDetails? ArmsDelivery,
    JointStatementDetails? JointStatement);

/// <summary>Turns stored entries into responses, naming officials from their current records in one query.</summary>
public static class EntryPresenter
{
    public static async Task<IReadOnlyList<EntryResponse>> PresentAsync(IQuerySession session, IReadOnlyList<TimelineEntry> entries, CancellationToken ct)
    {
        var ids = entries.SelectMany(e => e.OfficialIds).Distinct(StringComparer.Ordinal).ToArray();
        var names = await NamedOfficial.LoadForAsync(session, ids, ct);
        var presented = new List<EntryResponse>(entries.Count);
        foreach (var entry in entries) presented.Add(Present(entry, names));
        return presented;
    }

    public static async Task<EntryResponse> PresentAsync(IQuerySession session, TimelineEntry entry, CancellationToken ct) =>
        (await PresentAsync(session, [entry], ct))[0];

    /// <summary>One entry, naming its officials from names the caller already holds (a batch converts its officials once).</summary>
    public static EntryResponse Present(TimelineEntry e, IReadOnlyDictionary<string, NamedOfficial> names) => new(
        e.Id,
        e.Kind,
        DateResponse.From(e.ParsedDate()),
        e.Title,
        e.Description,
        e.Countries,
        e.Officials.Select(o => names.TryGetValue(o.OfficialId, out var official)
            ? new OfficialReference(o.OfficialId, official.En, official.Zh, official.Ru, official.Country, o.Role)
            : new OfficialReference(o.OfficialId, o.OfficialId, null, null, "", o.Role)).ToList(),
        e.Place is null ? null : new PlaceResponse(e.Place.Country, CountryCodes.NameOf(e.Place.Country) ?? e.Place.Country, e.Place.City),
        e.Tags,
        e.Sources,
        e.Status,
        e.StreamVersion,
        e.RecordedAt,
        e.Visit,
        e.ArmsDelivery,
        e.JointStatement);
}
