using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Officials;

public sealed class RegisterOfficialValidatorTests
{
    private static readonly RegisterOfficialValidator Validator = new();

    private static readonly RegisterOfficial Valid = new(
        Id: "sergei-shoigu",
        Names: new OfficialNames("Sergei Shoigu", "谢尔盖·绍伊古", "Сергей Шойгу"),
        Aliases: ["Shoygu", "Sergey Shoygu"],
        Country: "RU",
        WikidataId: "Q313000");

    private static IReadOnlyDictionary<string, string[]> Errors(RegisterOfficial command) => ValidationErrors.Of(Validator, command);

    [Fact]
    public void A_complete_registration_is_valid()
    {
        Errors(Valid).ShouldBeValid();
    }

    [Fact]
    public void An_english_name_and_a_country_are_enough_and_the_id_is_derived()
    {
        Errors(new RegisterOfficial(null, new OfficialNames("Wei Fenghe"), null, "CN", null)).ShouldBeValid();
    }

    [Theory]
    [InlineData("Sergei Shoigu")]
    [InlineData("Sergei-Shoigu")]
    [InlineData("1-shoigu")]
    [InlineData("sergei_shoigu")]
    public void A_given_id_must_be_a_slug(string id)
    {
        Errors(Valid with { Id = id }).ShouldRejectOnly("id", "lower-case slug");
    }

    [Fact]
    public void A_given_id_is_at_most_80_characters()
    {
        Errors(Valid with { Id = new string('a', 80) }).ShouldBeValid();
        Errors(Valid with { Id = new string('a', 81) }).ShouldRejectOnly("id", "80");
    }

    [Fact]
    public void Names_are_required()
    {
        Errors(Valid with { Names = null! }).ShouldRejectOnly("names", "Names are required");
    }

    [Fact]
    public void The_english_name_is_required()
    {
        Errors(Valid with { Names = new OfficialNames(" ", "谢尔盖·绍伊古") }).ShouldRejectOnly("names.en", "Must not be empty");
    }

    [Fact]
    public void A_blank_chinese_name_is_refused()
    {
        Errors(Valid with { Names = Valid.Names with { Zh = "" } }).ShouldRejectOnly("names.zh", "Must not be blank");
    }

    [Fact]
    public void The_russian_name_is_at_most_200_characters()
    {
        Errors(Valid with { Names = Valid.Names with { Ru = new string('Ш', 201) } }).ShouldRejectOnly("names.ru", "200");
    }

    [Fact]
    public void An_official_has_at_most_30_aliases()
    {
        Errors(Valid with { Aliases = Enumerable.Range(1, 30).Select(i => $"Alias {i}").ToList() }).ShouldBeValid();
        Errors(Valid with { Aliases = Enumerable.Range(1, 31).Select(i => $"Alias {i}").ToList() }).ShouldRejectOnly("aliases", "At most 30");
    }

    [Fact]
    public void An_empty_alias_is_refused_at_its_position()
    {
        Errors(Valid with { Aliases = ["Shoygu", ""] }).ShouldRejectOnly("aliases[1]", "Must not be empty");
    }

    [Fact]
    public void The_country_must_be_an_ISO_code()
    {
        Errors(Valid with { Country = "SU" }).ShouldRejectOnly("country", "'SU'", "ISO 3166-1 alpha-2");
    }

    [Theory]
    [InlineData("313000")]
    [InlineData("Q0313000")]
    [InlineData("q313000")]
    [InlineData("P31")]
    public void The_wikidata_id_must_be_an_item_id(string wikidataId)
    {
        Errors(Valid with { WikidataId = wikidataId }).ShouldRejectOnly("wikidataId", "Wikidata item id");
    }

    [Theory]
    [InlineData("习近平")]
    [InlineData("Си Цзиньпин")]
    [InlineData("2018")]
    public void When_no_id_can_be_derived_from_the_english_name_one_must_be_given(string englishName)
    {
        Errors(Valid with { Id = null, Names = new OfficialNames(englishName) }).ShouldRejectOnly("id", "No id can be derived from names.en");
        Errors(Valid with { Id = "xi-jinping", Names = new OfficialNames(englishName) }).ShouldBeValid();
    }
}
