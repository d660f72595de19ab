using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Tests.Officials;

public sealed class OfficeIdTests
{
    private static string IdFor(string title, string from) => RecordOfficeHandler.OfficeIdFor(new OfficeInput(title, null, from, null, null));

    [Fact]
    public void An_office_id_is_made_from_its_title_and_start()
    {
        IdFor("President of the People's Republic of China", "2013-03-14").ShouldBe("president-of-the-people-s-republic-of-china-2013-03-14");
    }

    [Fact]
    public void The_same_title_and_start_always_give_the_same_id_so_seeding_twice_finds_the_office()
    {
        IdFor("Minister of National Defense", "2018-03-19").ShouldBe(IdFor("Minister of National Defense", "2018-03-19"));
        IdFor("Minister of National Defense", "2018-03-19").ShouldNotBe(IdFor("Minister of National Defense", "2013-03-16"));
    }

    [Theory]
    [InlineData("国家主席", "2013-03-14", "office-2013-03-14")]
    [InlineData("Министр обороны", "2012-11~", "office-2012-11")]
    public void A_title_with_nothing_latin_gives_an_id_from_the_start_alone(string title, string from, string id)
    {
        IdFor(title, from).ShouldBe(id);
    }

    [Fact]
    public void Every_office_id_is_a_valid_slug()
    {
        foreach (var (title, from) in new[] { ("国家主席", "2013"), ("President", "2013-03-14"), ("1st Deputy", "2013-03-14/2018-03-19") })
            SinoRussiaTimeline.Infrastructure.ValidationRules.SlugPattern().IsMatch(IdFor(title, from)).ShouldBeTrue(IdFor(title, from));
    }
}
