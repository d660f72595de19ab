using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Officials;

public sealed class RecordOfficeValidatorTests
{
    private static readonly RecordOfficeValidator Validator = new();

    private static readonly OfficeInput Valid = new(
        Title: "Minister of National Defense",
        Country: "CN",
        From: "2013-03-16",
        To: "2018-03-19",
        Sources: [Known.Article],
        Id: "minister-of-national-defense-2013");

    private static IReadOnlyDictionary<string, string[]> Errors(OfficeInput office) =>
        ValidationErrors.Of(Validator, new RecordOffice("chang-wanquan", office));

    [Fact]
    public void A_complete_office_is_valid()
    {
        Errors(Valid).ShouldBeValid();
    }

    [Fact]
    public void A_title_and_a_start_are_enough()
    {
        Errors(new OfficeInput("Minister of National Defense", null, "2018-03-19", null, null)).ShouldBeValid();
    }

    [Fact]
    public void A_request_without_a_body_is_refused()
    {
        ValidationErrors.Of(Validator, new RecordOffice("wei-fenghe", null!)).ShouldRejectOnly("body", "A body describing the office is required");
    }

    [Fact]
    public void The_title_is_required()
    {
        Errors(Valid with { Title = "" }).ShouldRejectOnly("title", "Must not be empty");
    }

    [Fact]
    public void The_title_is_at_most_300_characters()
    {
        Errors(Valid with { Title = new string('t', 301) }).ShouldRejectOnly("title", "300");
    }

    [Fact]
    public void A_given_country_must_be_an_ISO_code()
    {
        Errors(Valid with { Country = "cn" }).ShouldRejectOnly("country", "'cn'", "ISO 3166-1 alpha-2");
    }

    [Fact]
    public void The_start_must_be_EDTF()
    {
        Errors(Valid with { From = "16 March 2013" }).ShouldRejectOnly("from", "not a valid EDTF date");
    }

    [Fact]
    public void The_start_is_required()
    {
        Errors(Valid with { From = "" }).ShouldRejectOnly("from", "The date is empty");
    }

    [Fact]
    public void A_given_end_must_be_EDTF()
    {
        Errors(Valid with { To = "2018-02-29" }).ShouldRejectOnly("to", "February 2018 has 28 days");
    }

    [Fact]
    public void A_tenure_cannot_end_before_it_starts()
    {
        Errors(Valid with { From = "2018-03-19", To = "2018-03-18" }).ShouldRejectOnly("to", "cannot end (2018-03-18) before it starts (2018-03-19)");
    }

    [Fact]
    public void A_tenure_may_end_within_the_month_it_started()
    {
        Errors(Valid with { From = "2018-03-19", To = "2018-03" }).ShouldBeValid();
    }

    [Fact]
    public void A_given_office_id_must_be_a_slug()
    {
        Errors(Valid with { Id = "Defence Minister" }).ShouldRejectOnly("id", "lower-case slug");
    }

    [Fact]
    public void An_office_cites_at_most_20_sources()
    {
        Errors(Valid with { Sources = Enumerable.Repeat(Known.Article, 21).ToList() }).ShouldRejectOnly("sources", "At most 20");
    }

    [Fact]
    public void An_office_source_needs_a_title_and_publisher()
    {
        var errors = Errors(Valid with { Sources = [Known.Article, new Source("", " ")] });

        errors.Keys.ShouldBe(["sources[1].title", "sources[1].publisher"], ignoreOrder: true);
        errors["sources[1].title"].ShouldContain(m => m.Contains("Must not be empty", StringComparison.Ordinal));
    }

    [Fact]
    public void An_office_sources_publication_date_must_be_EDTF()
    {
        Errors(Valid with { Sources = [Known.Article with { PublishedOn = "June 2018" }] })
            .ShouldRejectOnly("sources[0].publishedOn", "not a valid EDTF date");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/foreign-policy/moscow-meetings")]
    public void An_office_source_is_held_to_the_same_url_rule_as_an_entrys_source(string url)
    {
        Errors(Valid with { Sources = [Known.Article with { Url = url }] }).ShouldRejectOnly("sources[0].url", "absolute http or https URL");
    }

    [Fact]
    public void An_office_source_is_held_to_the_same_language_rule_as_an_entrys_source()
    {
        Errors(Valid with { Sources = [Known.Article with { Language = "English" }] }).ShouldRejectOnly("sources[0].language", "BCP 47");
    }

    [Fact]
    public void An_office_source_is_held_to_the_same_quote_rule_as_an_entrys_source()
    {
        Errors(Valid with { Sources = [Known.Article with { Quote = new string('q', 2001) }] }).ShouldRejectOnly("sources[0].quote", "2000");
    }

    [Fact]
    public void A_missing_office_source_is_refused_at_its_position()
    {
        Errors(Valid with { Sources = [Known.Article, null!] }).ShouldRejectOnly("sources[1]", "A source must be an object");
    }
}
