using CsCheck;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Tests.Infrastructure;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Shoygu", "shoygu")]
    [InlineData("SHOYGU", "shoygu")]
    [InlineData("Shoigú", "shoigu")]
    [InlineData("Lavrov Sergéi Víktorovich", "lavrov sergei viktorovich")]
    [InlineData("Łukaszenka", "łukaszenka")]
    [InlineData("Ａｌｅｘａｎｄｒ", "alexandr")]
    public void Latin_text_folds_without_regard_to_case_or_diacritics(string text, string folded)
    {
        TextFolding.Fold(text).ShouldBe(folded);
    }

    [Fact]
    public void Cyrillic_is_lower_cased()
    {
        TextFolding.Fold("СИ ЦЗИНЬПИН").ShouldBe("си цзиньпин");
        TextFolding.Fold("Сергей Шойгу").ShouldBe(TextFolding.Fold("СЕРГЕЙ ШОЙГУ"));
    }

    [Fact]
    public void Cyrillic_letters_with_marks_fold_to_their_base_letters_so_either_spelling_finds_the_other()
    {
        // The breve of й and the diaeresis of ё are marks like any other: "Шойгу" and "Шоигу", "Фёдор" and "Федор" meet.
        TextFolding.Fold("Шойгу").ShouldBe("шоигу");
        TextFolding.Fold("Фёдор").ShouldBe(TextFolding.Fold("Федор"));
    }

    [Theory]
    [InlineData("习近平")]
    [InlineData("谢尔盖·绍伊古")]
    [InlineData("王岐山")]
    public void Chinese_is_left_as_it_is(string name)
    {
        TextFolding.Fold(name).ShouldBe(name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nothing_folds_to_empty_text(string? text)
    {
        TextFolding.Fold(text).ShouldBe("");
    }

    [Fact]
    public void Text_that_is_not_well_formed_folds_with_replacement_characters_instead_of_failing_the_search()
    {
        // Facts, not inline data: a lone surrogate does not survive the serialization of test cases.
        TextFolding.Fold("\uFFFF\uFFFE\uFFFD").ShouldBe("\uFFFF\uFFFD\uFFFD");
        TextFolding.Fold("Shoigu\uD800").ShouldBe("shoigu\uFFFD");
        TextFolding.Fold("\uDC00Shoigu").ShouldBe("\uFFFDshoigu");
    }

    [Fact]
    public void A_folded_query_is_found_in_folded_names_whatever_case_and_accents_either_side_uses()
    {
        var searchText = TextFolding.Fold("Sergei Shoigu | Сергей Шойгу | 谢尔盖·绍伊古 | Shoygu");

        searchText.ShouldContain(TextFolding.Fold("SHOYGÚ"));
        searchText.ShouldContain(TextFolding.Fold("шойгу"));
        searchText.ShouldContain(TextFolding.Fold("绍伊古"));
    }

    [Fact]
    public void Case_never_matters_for_latin_cyrillic_and_greek_text()
    {
        var letters = Gen.Char["aAbBeEiIoOuUzZáÁéÉíÍöÖüÜñÑçÇşŞшШйЙёЁжЖλΛάΆ -"];
        letters.Array[0, 20].Select(cs => new string(cs)).Sample(
            text =>
            {
                var folded = TextFolding.Fold(text);
                TextFolding.Fold(text.ToUpperInvariant()).ShouldBe(folded);
                TextFolding.Fold(text.ToLowerInvariant()).ShouldBe(folded);
                TextFolding.Fold(folded).ShouldBe(folded);
            },
            iter: 5_000);
    }

    [Theory]
    [InlineData("Xi Jinping", "xi-jinping")]
    [InlineData("Sergei Shoigú", "sergei-shoigu")]
    [InlineData("  Wei   Fenghe!! ", "wei-fenghe")]
    [InlineData("Xi Jinping (习近平)", "xi-jinping")]
    [InlineData("Wang_Qishan", "wang-qishan")]
    [InlineData("Su-35S", "su-35s")]
    public void A_slug_is_made_of_the_latin_letters_and_digits_joined_by_single_hyphens(string name, string slug)
    {
        TextFolding.Slugify(name).ShouldBe(slug);
    }

    [Theory]
    [InlineData("习近平")]
    [InlineData("Си Цзиньпин")]
    [InlineData("2018")]
    [InlineData("--")]
    [InlineData(null)]
    public void A_name_with_no_latin_letter_gives_no_slug(string? name)
    {
        TextFolding.Slugify(name).ShouldBe("");
    }

    [Theory]
    [InlineData("2013 President", "president")]
    [InlineData("1-2-3 go", "go")]
    [InlineData("9th Army", "th-army")]
    public void A_slug_never_starts_with_a_digit(string name, string slug)
    {
        TextFolding.Slugify(name).ShouldBe(slug);
    }

    [Fact]
    public void A_slug_is_at_most_80_characters_and_does_not_end_with_a_hyphen()
    {
        var slug = TextFolding.Slugify(string.Join(' ', Enumerable.Repeat("Chairman", 20)));

        slug.Length.ShouldBeLessThanOrEqualTo(80);
        slug.ShouldStartWith("chairman-chairman-");
        slug.ShouldNotEndWith("-");
    }

    [Fact]
    public void A_slug_cut_at_80_characters_loses_the_hyphen_it_was_cut_at()
    {
        // 79 letters, a space, then more: the cut falls right after the hyphen.
        TextFolding.Slugify(new string('a', 79) + " bbbb").ShouldBe(new string('a', 79));
    }

    [Fact]
    public void Every_slug_is_empty_or_a_valid_official_id()
    {
        var text = Gen.Frequency(
            (3, Gen.Char["aZ09 -_.'áéŞшЙ习(),!"].Array[0, 120].Select(cs => new string(cs))),
            (1, Gen.String));

        text.Sample(
            s =>
            {
                var slug = TextFolding.Slugify(s);
                slug.Length.ShouldBeLessThanOrEqualTo(80);
                if (slug.Length > 0) ValidationRules.SlugPattern().IsMatch(slug).ShouldBeTrue($"'{slug}' from '{s}'");
                TextFolding.Slugify(slug).ShouldBe(slug);
            },
            iter: 5_000);
    }
}
