using CsCheck;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.FirstOverseasTrips;
using SinoRussiaTimeline.Tests.Dates;

namespace SinoRussiaTimeline.Tests.FirstOverseasTrips;

public sealed class FirstOverseasTripPropertyTests
{
    private const long Iterations = 3_000;
    private const string OwnCountry = "CN";

    /// <summary>An office and the visits recorded for its holder, plus a seed for presenting the visits in another order.</summary>
    public sealed record Scenario(TenureOffice Office, TripVisit[] Visits, int ShuffleSeed)
    {
        public override string ToString() =>
            $"office {Office.From}/{Office.To ?? ".."}; visits " + string.Join(", ", Visits.Select(v => $"{v.EntryId}={v.Date}@{v.HostCountry}"));
    }

    // Offices start in 2013 and visits fall in 2012-2015, so visits before, around and after the start are all common.
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(
                EdtfGen.Point(Gen.Int[2013, 2013]),
                EdtfGen.Point(Gen.Int[2013, 2015]).Null(0.5),
                Gen.Select(EdtfGen.Date(Gen.Int[2012, 2015]), Gen.OneOf(OwnCountry, "RU", "KZ")).Array[0, 6],
                Gen.Int)
            .Select((from, to, visits, seed) => new Scenario(
                new TenureOffice("office", "Office", from.ToString(), to is not null && to.Latest >= from.Earliest ? to.ToString() : null),
                visits.Select((v, i) => new TripVisit($"v{i}", v.Item1.Text, v.Item2, i + 1)).ToArray(),
                seed));

    private static FirstTripFinding Decide(Scenario s) => FirstOverseasTripRule.Decide(OwnCountry, s.Office, s.Visits);

    private static (EdtfDate From, EdtfDate? To) Tenure(TenureOffice office) =>
        (EdtfDate.Parse(office.From), office.To is null ? null : EdtfDate.Parse(office.To));

    private static bool CanFallWithinTenure(TenureOffice office, EdtfDate date)
    {
        var (from, to) = Tenure(office);
        return date.LatestStart >= from.EarliestStart && (to is null || date.EarliestStart <= to.LatestEnd);
    }

    private static bool CertainlyWithinTenure(TenureOffice office, EdtfDate date)
    {
        var (from, to) = Tenure(office);
        return date.EarliestStart >= from.LatestStart && (to is null || date.LatestStart <= to.EarliestEnd);
    }

    /// <summary>
    /// The visits that are the first trip in office in at least one world consistent with the recorded dates: the visit
    /// began on some day t it allows, inside the tenure, and every other visit abroad began on a day it allows that is
    /// outside the tenure or not before t (a visit on the same day cannot be ordered, so it does not rule t out).
    /// Brute force over t; for the office the latest start not after t is chosen, since a later start leaves more of the
    /// other visits outside the tenure, and the end only matters for visits after t, which never rule t out.
    /// </summary>
    private static HashSet<string> PossibleFirstTrips(Scenario s)
    {
        var (from, to) = Tenure(s.Office);
        var abroad = s.Visits.Where(v => v.HostCountry != OwnCountry).Select(v => (v.EntryId, Date: EdtfDate.Parse(v.Date))).ToList();
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var visit in abroad)
        {
            for (var t = visit.Date.EarliestStart; t <= visit.Date.LatestStart; t = t.AddDays(1))
            {
                if (t < from.EarliestStart || (to is not null && t > to.LatestEnd)) continue;
                var officeStart = from.LatestStart < t ? from.LatestStart : t;
                var ruledOut = abroad.Any(other => other.EntryId != visit.EntryId
                                                   && other.Date.EarliestStart >= officeStart
                                                   && other.Date.LatestStart < t);
                if (!ruledOut)
                {
                    result.Add(visit.EntryId);
                    break;
                }
            }
        }

        return result;
    }

    [Fact]
    public void A_decided_trip_is_never_certainly_preceded_by_another_visit_that_can_fall_within_the_tenure()
    {
        Scenarios.Sample(
            s =>
            {
                var finding = Decide(s);
                if (finding.TripEntryId is not { } tripId) return;
                var trip = EdtfDate.Parse(s.Visits.Single(v => v.EntryId == tripId).Date);
                foreach (var other in s.Visits.Where(v => v.HostCountry != OwnCountry && v.EntryId != tripId))
                {
                    var date = EdtfDate.Parse(other.Date);
                    if (CanFallWithinTenure(s.Office, date))
                        (date.LatestStart < trip.EarliestStart).ShouldBeFalse($"{other.EntryId} ({other.Date}) certainly precedes the chosen {tripId} ({trip})");
                }
            },
            iter: Iterations,
            print: s => s.ToString());
    }

    [Fact]
    public void Every_candidate_is_a_visit_abroad_that_can_fall_within_the_tenure()
    {
        Scenarios.Sample(
            s =>
            {
                var finding = Decide(s);
                foreach (var id in finding.CandidateEntryIds)
                {
                    var visit = s.Visits.Single(v => v.EntryId == id);
                    visit.HostCountry.ShouldNotBe(OwnCountry);
                    CanFallWithinTenure(s.Office, EdtfDate.Parse(visit.Date)).ShouldBeTrue($"{id} ({visit.Date}) cannot fall within the tenure");
                }

                finding.CandidateEntryIds.ShouldBeUnique();
                finding.OfficeId.ShouldBe(s.Office.Id);
            },
            iter: Iterations,
            print: s => s.ToString());
    }

    [Fact]
    public void The_answer_does_not_depend_on_the_order_the_visits_are_given_in()
    {
        Scenarios.Sample(
            s =>
            {
                var shuffled = s.Visits.ToArray();
                new Random(s.ShuffleSeed).Shuffle(shuffled);

                var finding = Decide(s);
                var again = FirstOverseasTripRule.Decide(OwnCountry, s.Office, shuffled);

                again.TripEntryId.ShouldBe(finding.TripEntryId);
                again.Ambiguous.ShouldBe(finding.Ambiguous);
                again.CandidateEntryIds.ShouldBe(finding.CandidateEntryIds);
                again.WithinTenure.ShouldBe(finding.WithinTenure);
                again.Explanation.ShouldBe(finding.Explanation);
            },
            iter: Iterations,
            print: s => s.ToString());
    }

    [Fact]
    public void The_candidates_are_exactly_the_visits_that_could_be_the_first_trip_in_office()
    {
        Scenarios.Sample(
            s =>
            {
                var finding = Decide(s);
                var possible = PossibleFirstTrips(s);

                finding.CandidateEntryIds.ShouldBe(possible, ignoreOrder: true, finding.Explanation);
                finding.Ambiguous.ShouldBe(possible.Count > 1);
                if (possible.Count == 1)
                {
                    var trip = s.Visits.Single(v => v.EntryId == possible.Single());
                    finding.TripEntryId.ShouldBe(trip.EntryId);
                    finding.WithinTenure.ShouldBe(CertainlyWithinTenure(s.Office, EdtfDate.Parse(trip.Date)) ? TenureFit.Certain : TenureFit.Possible);
                }
                else
                {
                    finding.TripEntryId.ShouldBeNull();
                    finding.WithinTenure.ShouldBeNull();
                }
            },
            iter: Iterations,
            print: s => s.ToString());
    }

    [Fact]
    public void There_is_no_answer_exactly_when_no_visit_abroad_can_fall_within_the_tenure()
    {
        Scenarios.Sample(
            s =>
            {
                var finding = Decide(s);
                var any = s.Visits.Any(v => v.HostCountry != OwnCountry && CanFallWithinTenure(s.Office, EdtfDate.Parse(v.Date)));

                (finding.CandidateEntryIds.Count > 0).ShouldBe(any);
                if (!any) finding.Ambiguous.ShouldBeFalse();
            },
            iter: Iterations,
            print: s => s.ToString());
    }
}
