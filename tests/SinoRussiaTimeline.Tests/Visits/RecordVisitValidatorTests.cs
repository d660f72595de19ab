using SinoRussiaTimeline.Tests.Support;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Tests.Visits;

public sealed class RecordVisitValidatorTests
{
    private static readonly RecordVisitValidator Validator = new();

    private static readonly RecordVisit Valid = new(
        OfficialIds: ["wei-fenghe"],
        HostCountry: "RU",
        City: "Moscow",
        HostOfficialIds: ["sergei-shoigu"],
        Date: "2018-04",
        Title: "Wei Fenghe visits Moscow",
        Description: "Attends the Moscow Conference on International Security.",
        VisitType: "official",
        TripId: "wei-fenghe-2018-04",
        Tags: ["defence"],
        Sources: [Known.Article]);

    private static IReadOnlyDictionary<string, string[]> Errors(RecordVisit command) => ValidationErrors.Of(Validator, command);

    private static string[] Ids(int count) => Enumerable.Range(1, count).Select(i => $"official-{i}").ToArray();

    [Fact]
    public void A_complete_visit_is_valid()
    {
        Errors(Valid).ShouldBeValid();
    }

    [Fact]
    public void A_visit_with_only_the_required_fields_is_valid()
    {
        Errors(Valid with { City = null, HostOfficialIds = null, Description = null, VisitType = null, TripId = null, Tags = null })
            .ShouldBeValid();
    }

    [Fact]
    public void A_visit_needs_a_visiting_official()
    {
        Errors(Valid with { OfficialIds = [] }).ShouldRejectOnly("officialIds", "At least one visiting official");
    }

    [Fact]
    public void A_visit_names_at_most_50_visitors()
    {
        Errors(Valid with { OfficialIds = Ids(50) }).ShouldBeValid();
        Errors(Valid with { OfficialIds = Ids(51) }).ShouldRejectOnly("officialIds", "At most 50");
    }

    [Fact]
    public void A_visitor_listed_twice_is_refused()
    {
        Errors(Valid with { OfficialIds = ["wei-fenghe", "wei-fenghe"] }).ShouldRejectOnly("officialIds", "listed twice");
    }

    [Fact]
    public void An_empty_visitor_id_is_refused_at_its_position()
    {
        Errors(Valid with { OfficialIds = ["wei-fenghe", " "] }).ShouldRejectOnly("officialIds[1]", "Must not be empty");
    }

    [Fact]
    public void An_over_long_visitor_id_is_refused_at_its_position()
    {
        Errors(Valid with { OfficialIds = [new string('a', 81)] }).ShouldRejectOnly("officialIds[0]", "80");
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("SU")]
    [InlineData("RUS")]
    [InlineData("XK")]
    public void The_host_country_must_be_an_upper_case_ISO_code(string code)
    {
        Errors(Valid with { HostCountry = code }).ShouldRejectOnly("hostCountry", $"'{code}'", "ISO 3166-1 alpha-2");
    }

    [Fact]
    public void The_host_country_is_required()
    {
        Errors(Valid with { HostCountry = "" }).ShouldRejectOnly("hostCountry", "A country is required");
    }

    [Fact]
    public void A_blank_city_is_refused_rather_than_stored()
    {
        Errors(Valid with { City = "  " }).ShouldRejectOnly("city", "Must not be blank");
    }

    [Fact]
    public void A_city_name_is_at_most_100_characters()
    {
        Errors(Valid with { City = new string('M', 100) }).ShouldBeValid();
        Errors(Valid with { City = new string('M', 101) }).ShouldRejectOnly("city", "100");
    }

    [Fact]
    public void A_visit_names_at_most_50_hosts()
    {
        Errors(Valid with { HostOfficialIds = Ids(51) }).ShouldRejectOnly("hostOfficialIds", "At most 50");
    }

    [Fact]
    public void An_official_cannot_both_visit_and_host()
    {
        Errors(Valid with { HostOfficialIds = ["sergei-shoigu", "wei-fenghe"] }).ShouldRejectOnly("hostOfficialIds", "both visit and host");
    }

    [Fact]
    public void An_empty_host_id_is_refused_at_its_position()
    {
        Errors(Valid with { HostOfficialIds = ["sergei-shoigu", ""] }).ShouldRejectOnly("hostOfficialIds[1]", "Must not be empty");
    }

    [Fact]
    public void An_impossible_date_is_refused_with_the_reason()
    {
        Errors(Valid with { Date = "2018-02-30" }).ShouldRejectOnly("date", "'2018-02-30'", "February 2018 has 28 days");
    }

    [Fact]
    public void Free_text_is_not_a_date()
    {
        Errors(Valid with { Date = "in April" }).ShouldRejectOnly("date", "not a valid EDTF date");
    }

    [Fact]
    public void The_date_is_required()
    {
        Errors(Valid with { Date = "" }).ShouldRejectOnly("date", "The date is empty");
    }

    [Fact]
    public void The_title_is_required()
    {
        Errors(Valid with { Title = " " }).ShouldRejectOnly("title", "Must not be empty");
    }

    [Fact]
    public void The_title_is_at_most_300_characters()
    {
        Errors(Valid with { Title = new string('t', 300) }).ShouldBeValid();
        Errors(Valid with { Title = new string('t', 301) }).ShouldRejectOnly("title", "300");
    }

    [Fact]
    public void A_blank_description_is_refused()
    {
        Errors(Valid with { Description = "" }).ShouldRejectOnly("description", "Must not be blank");
    }

    [Fact]
    public void The_description_is_at_most_4000_characters()
    {
        Errors(Valid with { Description = new string('d', 4001) }).ShouldRejectOnly("description", "4000");
    }

    [Theory]
    [InlineData("state")]
    [InlineData("Working")]
    [InlineData("SUMMIT")]
    [InlineData("forum")]
    public void Every_visit_type_is_accepted_in_any_case(string type)
    {
        Errors(Valid with { VisitType = type }).ShouldBeValid();
    }

    [Theory]
    [InlineData("holiday")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_visit_type_is_refused_with_the_list_of_types(string type)
    {
        Errors(Valid with { VisitType = type }).ShouldRejectOnly("visitType", "state, official, working, summit, conference, forum, other");
    }

    [Theory]
    [InlineData("Wei Fenghe 2018")]
    [InlineData("2018-wei")]
    [InlineData("wei--fenghe")]
    [InlineData("wei-")]
    public void A_trip_id_must_be_a_slug(string tripId)
    {
        Errors(Valid with { TripId = tripId }).ShouldRejectOnly("tripId", "lower-case slug");
    }

    [Fact]
    public void A_trip_id_is_at_most_80_characters()
    {
        Errors(Valid with { TripId = new string('a', 81) }).ShouldRejectOnly("tripId", "80");
    }

    [Fact]
    public void A_visit_without_sources_is_refused()
    {
        Errors(Valid with { Sources = [] }).ShouldRejectOnly("sources", "At least one source");
    }

    [Fact]
    public void The_visits_sources_are_each_checked()
    {
        Errors(Valid with { Sources = [Known.Article, Known.Article with { Publisher = "" }] })
            .ShouldRejectOnly("sources[1].publisher", "Must not be empty");
    }

    [Fact]
    public void The_visits_tags_are_each_checked()
    {
        Errors(Valid with { Tags = ["defence", ""] }).ShouldRejectOnly("tags[1]", "Must not be empty");
    }
}
