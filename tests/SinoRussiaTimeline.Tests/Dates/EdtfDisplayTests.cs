using SinoRussiaTimeline.Dates;

namespace SinoRussiaTimeline.Tests.Dates;

public sealed class EdtfDisplayTests
{
    [Theory]
    [InlineData("2018-04-03", "3 April 2018")]
    [InlineData("2018-04", "April 2018")]
    [InlineData("2013", "2013")]
    [InlineData("0900", "900")]
    public void A_point_is_shown_at_its_true_precision(string text, string expected)
    {
        EdtfDate.Parse(text).ToDisplayString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("2018-05~", "c. May 2018")]
    [InlineData("2018-04~", "c. April 2018")]
    [InlineData("2016-12-25?", "25 December 2016 (uncertain)")]
    [InlineData("2018%", "c. 2018 (uncertain)")]
    public void A_qualifier_is_shown_in_words(string text, string expected)
    {
        EdtfDate.Parse(text).ToDisplayString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("2018-04-01/2018-04-08", "1–8 April 2018")]
    [InlineData("2018-03-28/2018-04-03", "28 March – 3 April 2018")]
    [InlineData("2017-12-30/2018-01-02", "30 December 2017 – 2 January 2018")]
    [InlineData("2018-01/2018-05", "January–May 2018")]
    [InlineData("2017-11/2018-02", "November 2017 – February 2018")]
    [InlineData("2013/2018", "2013–2018")]
    [InlineData("2013/2018-04", "2013 – April 2018")]
    [InlineData("2018-04-03/2018-04-03", "3 April 2018")]
    public void A_span_is_shown_without_repeating_what_both_ends_share(string text, string expected)
    {
        EdtfDate.Parse(text).ToDisplayString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("2018-04-01~/2018-04-08~", "c. 1–8 April 2018")]
    [InlineData("2018-04-01~/2018-04-08", "c. 1 April 2018 – 8 April 2018")]
    [InlineData("2018-04/2018-06?", "April 2018 – June 2018 (uncertain)")]
    public void A_span_says_a_shared_qualifier_once_and_different_ones_at_their_ends(string text, string expected)
    {
        EdtfDate.Parse(text).ToDisplayString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("2018-11-27/..", "from 27 November 2018")]
    [InlineData("2018-11~/..", "from c. November 2018")]
    public void An_open_ended_span_is_shown_from_its_start(string text, string expected)
    {
        EdtfDate.Parse(text).ToDisplayString().ShouldBe(expected);
    }

    [Fact]
    public void A_point_shows_itself_the_same_way_as_a_date_made_of_it()
    {
        new EdtfPoint(2016, 12, 25, EdtfQualifier.Uncertain).ToDisplayString().ShouldBe("25 December 2016 (uncertain)");
    }
}
