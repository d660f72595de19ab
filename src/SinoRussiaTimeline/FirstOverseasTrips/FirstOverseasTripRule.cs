using SinoRussiaTimeline.Dates;

namespace SinoRussiaTimeline.FirstOverseasTrips;

public enum TenureFit { Certain, Possible }

/// <summary>An office as the rule needs it.</summary>
public sealed record TenureOffice(string Id, string Title, string From, string? To);

/// <summary>A recorded visit as the rule needs it.</summary>
public sealed record TripVisit(string EntryId, string Date, string HostCountry, long Sequence);

/// <summary>The answer for one office: the trip, or an honest "ambiguous" with the candidates, and why.</summary>
public sealed record FirstTripFinding(
    string OfficeId,
    string? TripEntryId,
    bool Ambiguous,
    IReadOnlyList<string> CandidateEntryIds,
    TenureFit? WithinTenure,
    string Explanation);

/// <summary>
/// "First overseas trip in an office": the earliest recorded visit abroad whose start can fall within the tenure. The
/// decision is pure so that it can be tested exhaustively and recomputed whenever the evidence changes.
/// </summary>
public static class FirstOverseasTripRule
{
    public const string Rule =
        "The earliest recorded visit abroad (host country other than the official's own) whose start can fall within the office's tenure. "
        + "When date precision cannot say which of several visits came first, the answer is ambiguous and lists them; only recorded visits count.";

    public static FirstTripFinding Decide(string officialCountry, TenureOffice office, IEnumerable<TripVisit> visits)
    {
        var from = EdtfDate.Parse(office.From);
        var to = office.To is null ? null : EdtfDate.Parse(office.To);
        var tenureStart = from.EarliestStart;
        var tenureEnd = to?.LatestEnd ?? DateOnly.MaxValue;

        var candidates = visits
            .Where(v => v.HostCountry != officialCountry)
            .Select(v => (Visit: v, Date: EdtfDate.Parse(v.Date)))
            // The visit's start may fall inside the tenure.
            .Where(v => v.Date.LatestStart >= tenureStart && v.Date.EarliestStart <= tenureEnd)
            .OrderBy(v => v.Date.EarliestStart).ThenByDescending(v => v.Date.LatestStart).ThenBy(v => v.Visit.Sequence)
            .ToList();

        if (candidates.Count == 0)
            return new FirstTripFinding(office.Id, null, false, [], null, "No recorded visit abroad falls within this tenure.");

        bool Certain((TripVisit Visit, EdtfDate Date) v) =>
            v.Date.EarliestStart >= from.LatestStart && (to is null || v.Date.LatestStart <= to.EarliestEnd);

        // A visit can be the first in office unless another visit certainly preceded it and certainly began in office.
        // One that may predate the office rules nothing out: if it did predate it, a later visit may be the first. One
        // that certainly began in office, even if it may follow the office's end, rules out every visit certainly after
        // it: if it followed the end, so did they.
        var earliest = candidates
            .Where(c => !candidates.Any(d => d.Date.EarliestStart >= from.LatestStart && d.Date.LatestStart < c.Date.EarliestStart))
            .ToList();

        if (earliest.Count > 1)
        {
            var dates = string.Join(", ", earliest.Select(e => e.Date.Text));
            return new FirstTripFinding(office.Id, null, true, earliest.Select(e => e.Visit.EntryId).ToList(), null,
                $"Cannot tell which came first: the recorded dates ({dates}) do not order these visits, or the earliest may predate the office.");
        }

        var trip = earliest[0];
        var fit = Certain(trip) ? TenureFit.Certain : TenureFit.Possible;
        var explanation = fit == TenureFit.Certain
            ? $"The earliest recorded visit abroad within the tenure from {from.ToDisplayString()}: {trip.Date.ToDisplayString()}."
            : trip.Date.EarliestStart < from.LatestStart
            ? $"The only recorded visit abroad that can fall within the tenure from {from.ToDisplayString()}; its date ({trip.Date.ToDisplayString()}) does not show that it followed the start of the office."
            : $"The earliest recorded visit abroad that can fall within the tenure from {from.ToDisplayString()} to {to!.ToDisplayString()}; its date ({trip.Date.ToDisplayString()}) does not show that it preceded the end of the office.";
        return new FirstTripFinding(office.Id, trip.Visit.EntryId, false, [trip.Visit.EntryId], fit, explanation);
    }
}
