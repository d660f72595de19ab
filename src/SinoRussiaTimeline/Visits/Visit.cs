using JasperFx.Events;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Visits;

public enum VisitType { State, Official, Working, Summit, Conference, Forum, Other }

/// <summary>One or more officials of one country in a host country.</summary>
public sealed record VisitRecorded(
    string EntryId,
    IReadOnlyList<string> OfficialIds,
    string VisitorCountry,
    string HostCountry,
    string? City,
    IReadOnlyList<string> HostOfficialIds,
    string Date,
    string Title,
    string? Description,
    VisitType? VisitType,
    string? TripId,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Source> Sources);

/// <summary>What only a visit has.</summary>
/// <param name="VisitorCountry">Country of the visiting officials. <example>CN</example></param>
/// <param name="HostCountry">Country visited. <example>RU</example></param>
/// <param name="VisitType">state, official, working, summit, conference, forum or other.</param>
/// <param name="TripId">Shared by the legs of one multi-country trip.</param>
public sealed record VisitDetails(string VisitorCountry, string HostCountry, VisitType? VisitType, string? TripId);
