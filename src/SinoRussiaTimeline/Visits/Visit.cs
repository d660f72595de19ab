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

/// <summary>A visit corrected: the full corrected visit, what changed, why and on what evidence.</summary>
/// <param name="PreviousOfficialIds">The visitors before the correction (their itineraries change too).</param>
public sealed record VisitCorrected(
    string EntryId,
    VisitRecorded Corrected,
    IReadOnlyList<string> PreviousOfficialIds,
    IReadOnlyList<FieldChange> Changes,
    string Reason,
    IReadOnlyList<Source> Sources,
    EntryOrigin Origin);

/// <summary>A visit retracted: it leaves the timeline, itineraries and first-trip answers; the visit as it stood is kept.</summary>
public sealed record VisitRetracted(string EntryId, VisitRecorded Retracted, string Reason, EntryOrigin Origin);
