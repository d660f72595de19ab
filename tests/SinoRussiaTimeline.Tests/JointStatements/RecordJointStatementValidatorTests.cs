using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.JointStatements;

public sealed class RecordJointStatementValidatorTests
{
    private static readonly RecordJointStatementValidator Validator = new();

    private static readonly RecordJointStatement Valid = new(
        Countries: ["CN", "RU"],
        SignatoryIds: ["xi-jinping", "vladimir-putin"],
        Title: "Joint Statement on the Further Strengthening of Comprehensive Strategic Partnership of Coordination",
        Date: "2017-07-04",
        Place: new Place("RU", "Moscow"),
        Summary: "Both sides oppose unilateral sanctions.",
        Tags: ["diplomacy"],
        Sources: [Known.Article]);

    private static IReadOnlyDictionary<string, string[]> Errors(RecordJointStatement command) => ValidationErrors.Of(Validator, command);

    [Fact]
    public void A_complete_statement_is_valid()
    {
        Errors(Valid).ShouldBeValid();
    }

    [Fact]
    public void A_statement_with_only_the_required_fields_is_valid()
    {
        Errors(Valid with { SignatoryIds = null, Place = null, Summary = null, Tags = null }).ShouldBeValid();
    }

    [Fact]
    public void A_statement_needs_two_countries()
    {
        Errors(Valid with { Countries = ["CN"] }).ShouldRejectOnly("countries", "At least two different countries");
    }

    [Fact]
    public void The_same_country_twice_does_not_make_two()
    {
        var errors = Errors(Valid with { Countries = ["CN", "CN"] });

        errors.ShouldReject("countries", "At least two different countries");
        errors.ShouldReject("countries", "listed twice");
        errors.Keys.ShouldBe(["countries"]);
    }

    [Fact]
    public void A_country_listed_twice_is_refused()
    {
        Errors(Valid with { Countries = ["CN", "RU", "CN"] }).ShouldRejectOnly("countries", "listed twice");
    }

    [Fact]
    public void A_statement_names_at_most_200_countries()
    {
        var codes = CountryCodes.All.Keys.Order(StringComparer.Ordinal).ToList();
        Errors(Valid with { Countries = codes.Take(200).ToList() }).ShouldBeValid();
        Errors(Valid with { Countries = codes.Take(201).ToList() }).ShouldRejectOnly("countries", "At most 200");
    }

    [Fact]
    public void Each_country_must_be_an_ISO_code_and_is_reported_at_its_position()
    {
        Errors(Valid with { Countries = ["CN", "Russia"] }).ShouldRejectOnly("countries[1]", "'Russia'", "ISO 3166-1 alpha-2");
    }

    [Fact]
    public void A_statement_names_at_most_50_signatories()
    {
        Errors(Valid with { SignatoryIds = Enumerable.Range(1, 51).Select(i => $"official-{i}").ToList() })
            .ShouldRejectOnly("signatoryIds", "At most 50");
    }

    [Fact]
    public void A_signatory_listed_twice_is_refused()
    {
        Errors(Valid with { SignatoryIds = ["xi-jinping", "xi-jinping"] }).ShouldRejectOnly("signatoryIds", "listed twice");
    }

    [Fact]
    public void An_empty_signatory_id_is_refused_at_its_position()
    {
        Errors(Valid with { SignatoryIds = ["xi-jinping", ""] }).ShouldRejectOnly("signatoryIds[1]", "Must not be empty");
    }

    [Fact]
    public void The_title_is_required()
    {
        Errors(Valid with { Title = "" }).ShouldRejectOnly("title", "Must not be empty");
    }

    [Fact]
    public void The_date_of_signing_must_be_EDTF()
    {
        Errors(Valid with { Date = "2017-07-04/2017-07-01" }).ShouldRejectOnly("date", "the end (2017-07-01) is before the start (2017-07-04)");
    }

    [Fact]
    public void The_place_country_must_be_an_ISO_code()
    {
        Errors(Valid with { Place = new Place("Moscow") }).ShouldRejectOnly("place.country", "'Moscow'", "ISO 3166-1 alpha-2");
    }

    [Fact]
    public void A_blank_place_city_is_refused()
    {
        Errors(Valid with { Place = new Place("RU", " ") }).ShouldRejectOnly("place.city", "Must not be blank");
    }

    [Fact]
    public void The_summary_is_at_most_4000_characters()
    {
        Errors(Valid with { Summary = new string('s', 4001) }).ShouldRejectOnly("summary", "4000");
    }

    [Fact]
    public void A_statement_without_sources_is_refused()
    {
        Errors(Valid with { Sources = [] }).ShouldRejectOnly("sources", "At least one source");
    }

    [Fact]
    public void The_statements_tags_are_each_checked()
    {
        Errors(Valid with { Tags = [new string('t', 51)] }).ShouldRejectOnly("tags[0]", "50");
    }
}
