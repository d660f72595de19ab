using SinoRussiaTimeline.FirstOverseasTrips;

namespace SinoRussiaTimeline.Tests.FirstOverseasTrips;

public sealed class FirstOverseasTripRuleTests
{
    // Xi Jinping became President of the PRC on 14 March 2013 and went to Moscow on 22 March 2013.
    private static readonly TenureOffice President = new("president-2013-03-14", "President of the People's Republic of China", "2013-03-14", null);

    private static FirstTripFinding Decide(TenureOffice office, params TripVisit[] visits) => FirstOverseasTripRule.Decide("CN", office, visits);

    private static FirstTripFinding Decide(params TripVisit[] visits) => Decide(President, visits);

    private static TripVisit Visit(string id, string date, string host = "RU", long sequence = 0) => new(id, date, host, sequence);

    private static void ShouldBeTrip(FirstTripFinding finding, string entryId, TenureFit fit)
    {
        finding.Ambiguous.ShouldBeFalse(finding.Explanation);
        finding.TripEntryId.ShouldBe(entryId, finding.Explanation);
        finding.CandidateEntryIds.ShouldBe([entryId]);
        finding.WithinTenure.ShouldBe(fit);
    }

    private static void ShouldBeAmbiguous(FirstTripFinding finding, params string[] candidates)
    {
        finding.Ambiguous.ShouldBeTrue(finding.Explanation);
        finding.TripEntryId.ShouldBeNull();
        finding.WithinTenure.ShouldBeNull();
        finding.CandidateEntryIds.ShouldBe(candidates, ignoreOrder: true);
    }

    [Fact]
    public void Among_day_precise_visits_the_earliest_is_the_first_trip()
    {
        var finding = Decide(
            Visit("tanzania", "2013-03-24", "TZ", sequence: 1),
            Visit("moscow", "2013-03-22", "RU", sequence: 2),
            Visit("durban", "2013-03-26", "ZA", sequence: 3));

        ShouldBeTrip(finding, "moscow", TenureFit.Certain);
        finding.OfficeId.ShouldBe("president-2013-03-14");
        finding.Explanation.ShouldBe("The earliest recorded visit abroad within the tenure from 14 March 2013: 22 March 2013.");
    }

    [Fact]
    public void A_visit_within_the_officials_own_country_never_counts()
    {
        var finding = Decide(
            Visit("beijing-event", "2013-03-15", "CN"),
            Visit("moscow", "2013-03-22", "RU"));

        ShouldBeTrip(finding, "moscow", TenureFit.Certain);
    }

    [Fact]
    public void An_official_who_only_travelled_at_home_has_no_first_trip()
    {
        var finding = Decide(Visit("shanghai", "2013-04", "CN"), Visit("beijing", "2013-03-20", "CN"));

        finding.TripEntryId.ShouldBeNull();
        finding.Ambiguous.ShouldBeFalse();
        finding.CandidateEntryIds.ShouldBeEmpty();
    }

    [Fact]
    public void A_visit_before_the_tenure_began_does_not_count()
    {
        // As vice-president Xi went abroad often; those trips are not trips in the new office.
        var finding = Decide(
            Visit("as-vice-president", "2013-03-13", "US"),
            Visit("moscow", "2013-03-22", "RU"));

        ShouldBeTrip(finding, "moscow", TenureFit.Certain);
    }

    [Fact]
    public void A_visit_on_the_day_the_office_began_counts_for_certain()
    {
        ShouldBeTrip(Decide(Visit("same-day", "2013-03-14", "RU")), "same-day", TenureFit.Certain);
    }

    [Fact]
    public void A_trip_that_began_before_the_office_does_not_count_even_if_it_ran_into_the_tenure()
    {
        var finding = Decide(
            Visit("began-before", "2013-03-10/2013-03-20", "US"),
            Visit("moscow", "2013-03-22", "RU"));

        ShouldBeTrip(finding, "moscow", TenureFit.Certain);
    }

    [Fact]
    public void Visits_after_the_tenure_ended_do_not_count()
    {
        var defenceMinister = new TenureOffice("defence-minister", "Minister of National Defense", "2013-03-16", "2018-03-19");

        var finding = Decide(defenceMinister,
            Visit("before", "2013-03-01", "RU"),
            Visit("after", "2018-04-03", "RU"));

        finding.TripEntryId.ShouldBeNull();
        finding.Ambiguous.ShouldBeFalse();
        finding.CandidateEntryIds.ShouldBeEmpty();
        finding.Explanation.ShouldContain("No recorded visit abroad");
    }

    [Fact]
    public void With_an_ended_office_the_first_trip_is_the_earliest_inside_the_tenure()
    {
        var defenceMinister = new TenureOffice("defence-minister", "Minister of National Defense", "2013-03-16", "2018-03-19");

        var finding = Decide(defenceMinister,
            Visit("last-day", "2018-03-19", "RU"),
            Visit("next-minister", "2018-04-03", "RU"));

        ShouldBeTrip(finding, "last-day", TenureFit.Certain);
    }

    [Fact]
    public void A_month_precise_visit_and_a_day_inside_that_month_cannot_be_ordered()
    {
        // Wei Fenghe went to Moscow "in April" 2018; a visit on 3 April may have come before or after it.
        var weiFenghe = new TenureOffice("defence-minister", "Minister of National Defense", "2018-03-19", null);

        var finding = Decide(weiFenghe,
            Visit("moscow-in-april", "2018-04", "RU", sequence: 1),
            Visit("minsk", "2018-04-03", "BY", sequence: 2));

        ShouldBeAmbiguous(finding, "moscow-in-april", "minsk");
        finding.Explanation.ShouldContain("Cannot tell which came first");
        finding.Explanation.ShouldContain("2018-04, 2018-04-03");
    }

    [Fact]
    public void A_month_precise_visit_is_first_when_the_other_visit_is_in_a_later_month()
    {
        var weiFenghe = new TenureOffice("defence-minister", "Minister of National Defense", "2018-03-19", null);

        var finding = Decide(weiFenghe,
            Visit("minsk", "2018-05-02", "BY"),
            Visit("moscow-in-april", "2018-04", "RU"));

        ShouldBeTrip(finding, "moscow-in-april", TenureFit.Certain);
        finding.Explanation.ShouldContain("April 2018");
    }

    [Fact]
    public void A_year_precise_visit_that_may_predate_the_office_is_only_possibly_within_the_tenure()
    {
        // "In 2013" Xi went to Moscow: the year alone does not show it was after 14 March.
        var finding = Decide(Visit("moscow-2013", "2013", "RU"));

        ShouldBeTrip(finding, "moscow-2013", TenureFit.Possible);
        finding.Explanation.ShouldContain("does not show that it followed the start of the office");
    }

    [Fact]
    public void A_year_precise_visit_that_may_predate_the_office_and_a_later_certain_visit_are_ambiguous()
    {
        var finding = Decide(
            Visit("durban", "2013-03-26", "ZA"),
            Visit("moscow-2013", "2013", "RU"));

        ShouldBeAmbiguous(finding, "moscow-2013", "durban");
        finding.CandidateEntryIds[0].ShouldBe("moscow-2013", "candidates are listed in timeline order");
        finding.Explanation.ShouldContain("may predate the office");
    }

    [Fact]
    public void A_year_precise_visit_that_certainly_follows_the_start_of_the_office_is_first_for_certain()
    {
        var finding = Decide(
            Visit("later", "2015-05-09", "RU"),
            Visit("in-2014", "2014", "RU"));

        ShouldBeTrip(finding, "in-2014", TenureFit.Certain);
    }

    [Fact]
    public void Two_visits_on_the_same_day_cannot_be_ordered_and_the_answer_is_ambiguous()
    {
        // Dates alone cannot tell which of two visits on one day came first; the order in which they were recorded
        // says nothing about the order in which they happened, so the answer names both rather than guessing.
        var finding = Decide(
            Visit("astana", "2013-09-07", "KZ", sequence: 1),
            Visit("bishkek", "2013-09-07", "KG", sequence: 2));

        ShouldBeAmbiguous(finding, "astana", "bishkek");
    }

    [Fact]
    public void A_same_day_tie_after_the_first_trip_does_not_make_the_answer_ambiguous()
    {
        var finding = Decide(
            Visit("astana", "2013-09-07", "KZ"),
            Visit("bishkek", "2013-09-07", "KG"),
            Visit("moscow", "2013-03-22", "RU"));

        ShouldBeTrip(finding, "moscow", TenureFit.Certain);
    }

    [Fact]
    public void An_open_ended_visit_counts_from_its_start()
    {
        var finding = Decide(
            Visit("later", "2013-07-01", "RU"),
            Visit("open", "2013-06-15/..", "US"));

        ShouldBeTrip(finding, "open", TenureFit.Certain);
    }

    [Fact]
    public void An_open_ended_visit_that_began_before_the_office_does_not_count()
    {
        var finding = Decide(
            Visit("open", "2013-01-10/..", "US"),
            Visit("moscow", "2013-03-22", "RU"));

        ShouldBeTrip(finding, "moscow", TenureFit.Certain);
    }

    [Fact]
    public void A_span_of_days_counts_from_its_first_day()
    {
        var finding = Decide(
            Visit("moscow", "2013-03-22/2013-03-24", "RU"),
            Visit("dar-es-salaam", "2013-03-24", "TZ"));

        ShouldBeTrip(finding, "moscow", TenureFit.Certain);
    }

    [Fact]
    public void An_official_with_no_recorded_visits_has_no_first_trip_and_is_not_ambiguous()
    {
        var finding = Decide();

        finding.TripEntryId.ShouldBeNull();
        finding.Ambiguous.ShouldBeFalse();
        finding.CandidateEntryIds.ShouldBeEmpty();
        finding.WithinTenure.ShouldBeNull();
        finding.Explanation.ShouldBe("No recorded visit abroad falls within this tenure.");
    }

    [Fact]
    public void Every_visit_that_could_be_the_first_in_office_is_listed_when_the_answer_is_ambiguous()
    {
        // "2013" and "March 2013" may both predate the office that began on 14 March 2013; if they do, the visit of
        // 20 April is the first one, so a journalist must see it among the candidates.
        var finding = Decide(
            Visit("year", "2013", "RU"),
            Visit("march", "2013-03", "KZ"),
            Visit("april", "2013-04-20", "TZ"),
            Visit("may", "2013-05-02", "ZA"));

        ShouldBeAmbiguous(finding, "year", "march", "april");
    }

    [Fact]
    public void A_visit_that_may_follow_the_end_of_the_office_is_still_the_only_possible_first_trip()
    {
        // The office ended some time in March 2018. If the 10 March visit was after the end, so was the 20 March one:
        // the 10 March visit is the first trip in office or there is none, never the 20 March one.
        var office = new TenureOffice("minister", "Minister", "2013-03-16", "2018-03");

        var finding = Decide(office,
            Visit("tenth", "2018-03-10", "RU"),
            Visit("twentieth", "2018-03-20", "BY"));

        ShouldBeTrip(finding, "tenth", TenureFit.Possible);
        finding.Explanation.ShouldContain("end of the office");
    }

    [Fact]
    public void The_answer_does_not_depend_on_the_order_the_visits_are_given_in()
    {
        TripVisit[] visits =
        [
            Visit("a", "2013-03", "RU", 1),
            Visit("b", "2013-03-20", "KZ", 2),
            Visit("c", "2013-05", "TZ", 3),
            Visit("d", "2013-03-12", "US", 4),
        ];

        var forwards = Decide(visits);
        var backwards = Decide([.. visits.Reverse()]);

        backwards.Ambiguous.ShouldBe(forwards.Ambiguous);
        backwards.TripEntryId.ShouldBe(forwards.TripEntryId);
        backwards.CandidateEntryIds.ShouldBe(forwards.CandidateEntryIds);
        backwards.Explanation.ShouldBe(forwards.Explanation);
        ShouldBeAmbiguous(forwards, "a", "b");
    }
}
