using FluentValidation;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Infrastructure;

public sealed class ValidationRulesTests
{
    [Theory]
    [InlineData("Sources[0].PublishedOn", "sources[0].publishedOn")]
    [InlineData("OfficialIds[1]", "officialIds[1]")]
    [InlineData("HostCountry", "hostCountry")]
    [InlineData("Names.En", "names.en")]
    [InlineData("place.country", "place.country")]
    [InlineData("", "")]
    public void Field_names_come_out_as_the_json_paths_clients_wrote(string propertyName, string path)
    {
        ValidationRules.ToJsonPath(propertyName).ShouldBe(path);
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData(null, "")]
    public void Short_values_are_quoted_whole(string? value, string shown)
    {
        ValidationRules.Truncate(value).ShouldBe(shown);
    }

    [Fact]
    public void Long_values_are_cut_in_messages()
    {
        ValidationRules.Truncate(new string('x', 41)).ShouldBe(new string('x', 40) + "…");
    }

    /// <summary>Any command citing sources and carrying tags, as the shared rules see it.</summary>
    public sealed record Cited(IReadOnlyList<Source>? Sources, IReadOnlyList<string>? Tags);

    private sealed class CitedValidator : AbstractValidator<Cited>
    {
        public CitedValidator()
        {
            this.Sources(c => c.Sources);
            this.Tags(c => c.Tags);
        }
    }

    private static readonly Cited Valid = new([Known.Article], ["defence", "aircraft"]);

    private static IReadOnlyDictionary<string, string[]> Errors(Cited c) => ValidationErrors.Of(new CitedValidator(), c);

    private static IReadOnlyDictionary<string, string[]> Errors(Source source) => Errors(Valid with { Sources = [source] });

    [Fact]
    public void A_full_citation_is_valid()
    {
        Errors(Valid).ShouldBeValid();
    }

    [Fact]
    public void A_citation_needs_only_a_title_and_publisher()
    {
        Errors(new Source("Moscow Meetings Highlight Deepening Sino-Russian Defense Ties", "China-US Focus")).ShouldBeValid();
    }

    [Fact]
    public void Every_entry_cites_at_least_one_source()
    {
        Errors(Valid with { Sources = null }).ShouldRejectOnly("sources", "At least one source");
        Errors(Valid with { Sources = [] }).ShouldRejectOnly("sources", "At least one source");
    }

    [Fact]
    public void An_entry_cites_at_most_20_sources()
    {
        Errors(Valid with { Sources = Enumerable.Repeat(Known.Article, 20).ToList() }).ShouldBeValid();
        Errors(Valid with { Sources = Enumerable.Repeat(Known.Article, 21).ToList() }).ShouldRejectOnly("sources", "At most 20 sources");
    }

    [Fact]
    public void A_missing_source_is_refused_at_its_position()
    {
        Errors(Valid with { Sources = [Known.Article, null!] }).ShouldRejectOnly("sources[1]", "A source must be an object");
    }

    [Fact]
    public void A_source_needs_a_title()
    {
        Errors(Known.Article with { Title = " " }).ShouldRejectOnly("sources[0].title", "Must not be empty");
    }

    [Fact]
    public void A_source_title_is_at_most_300_characters()
    {
        Errors(Known.Article with { Title = new string('t', 301) }).ShouldRejectOnly("sources[0].title", "300");
    }

    [Fact]
    public void A_source_needs_a_publisher()
    {
        Errors(Known.Article with { Publisher = "" }).ShouldRejectOnly("sources[0].publisher", "Must not be empty");
    }

    [Fact]
    public void A_publication_date_must_be_EDTF()
    {
        Errors(Known.Article with { PublishedOn = "8 June 2018" }).ShouldRejectOnly("sources[0].publishedOn", "not a valid EDTF date");
    }

    [Theory]
    [InlineData("ftp://example.org/article")]
    [InlineData("javascript:alert(1)")]
    [InlineData("www.chinausfocus.com/foreign-policy")]
    [InlineData("/foreign-policy/moscow-meetings")]
    public void A_source_url_must_be_absolute_http_or_https(string url)
    {
        Errors(Known.Article with { Url = url }).ShouldRejectOnly("sources[0].url", "absolute http or https URL");
    }

    [Fact]
    public void A_source_url_is_at_most_2000_characters()
    {
        Errors(Known.Article with { Url = "https://example.org/" + new string('a', 1981) }).ShouldRejectOnly("sources[0].url", "2000");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("ru-RU")]
    public void BCP_47_language_tags_are_accepted(string language)
    {
        Errors(Known.Article with { Language = language }).ShouldBeValid();
    }

    [Theory]
    [InlineData("English")]
    [InlineData("e")]
    [InlineData("zh_Hans")]
    public void A_language_must_be_a_BCP_47_tag(string language)
    {
        Errors(Known.Article with { Language = language }).ShouldRejectOnly("sources[0].language", "BCP 47");
    }

    [Fact]
    public void A_blank_quote_is_refused()
    {
        Errors(Known.Article with { Quote = " " }).ShouldRejectOnly("sources[0].quote", "Must not be blank");
    }

    [Fact]
    public void A_quote_is_at_most_2000_characters()
    {
        Errors(Known.Article with { Quote = new string('q', 2001) }).ShouldRejectOnly("sources[0].quote", "2000");
    }

    [Fact]
    public void An_entry_has_at_most_20_tags()
    {
        Errors(Valid with { Tags = Enumerable.Range(1, 20).Select(i => $"tag{i}").ToList() }).ShouldBeValid();
        Errors(Valid with { Tags = Enumerable.Range(1, 21).Select(i => $"tag{i}").ToList() }).ShouldRejectOnly("tags", "At most 20 tags");
    }

    [Fact]
    public void A_tag_is_at_most_50_characters()
    {
        Errors(Valid with { Tags = ["defence", new string('t', 51)] }).ShouldRejectOnly("tags[1]", "50");
    }
}
