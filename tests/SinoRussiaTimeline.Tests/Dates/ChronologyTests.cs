using SinoRussiaTimeline.Dates;

namespace SinoRussiaTimeline.Tests.Dates;

public sealed class ChronologyTests
{
    private static ChronologyResult Compare(string a, string b) => Chronology.Compare(EdtfDate.Parse(a), EdtfDate.Parse(b));

    [Fact]
    public void A_day_is_before_a_month_that_begins_after_it()
    {
        var result = Compare("2018-04-03", "2018-05");

        result.Relation.ShouldBe(ChronologyRelation.Before);
        result.Reason.ShouldBe("2018-04-03 is before 2018-05: 2018-04-03 begins on 3 April 2018, and 2018-05 cannot begin before 1 May 2018.");
    }

    [Fact]
    public void A_month_that_begins_after_a_day_is_after_it()
    {
        var result = Compare("2018-05", "2018-04-03");

        result.Relation.ShouldBe(ChronologyRelation.After);
        result.Reason.ShouldBe("2018-05 is after 2018-04-03: 2018-04-03 begins on 3 April 2018, and 2018-05 cannot begin before 1 May 2018.");
    }

    [Theory]
    [InlineData("2013", "2018-04")]
    [InlineData("2018-04", "2018-05")]
    [InlineData("2018-04-03", "2018-04-04")]
    [InlineData("2018-04-30", "2018-05")]
    [InlineData("2017", "2018-01-01")]
    [InlineData("2018-11-27/..", "2019")]
    public void Dates_whose_possible_starts_do_not_meet_are_ordered(string earlier, string later)
    {
        Compare(earlier, later).Relation.ShouldBe(ChronologyRelation.Before);
        Compare(later, earlier).Relation.ShouldBe(ChronologyRelation.After);
    }

    [Fact]
    public void A_span_that_began_first_is_before_a_date_that_begins_while_it_goes_on()
    {
        var result = Compare("2018-04/2018-06", "2018-05");

        result.Relation.ShouldBe(ChronologyRelation.Before);
        result.Reason.ShouldContain("2018-04/2018-06 begins by 30 April 2018 at the latest", Case.Sensitive);
    }

    [Fact]
    public void The_same_single_day_is_the_same_day()
    {
        var result = Compare("2018-04-03", "2018-04-03");

        result.Relation.ShouldBe(ChronologyRelation.SameDay);
        result.Reason.ShouldBe("2018-04-03 and 2018-04-03 are the same day, 3 April 2018.");
    }

    [Fact]
    public void A_qualified_day_is_the_same_day_and_the_reason_says_it_is_marked()
    {
        var result = Compare("2016-12-25?", "2016-12-25");

        result.Relation.ShouldBe(ChronologyRelation.SameDay);
        result.Reason.ShouldEndWith("Note that 2016-12-25? is marked uncertain.");
    }

    [Fact]
    public void Two_spans_that_begin_on_the_same_day_overlap()
    {
        var result = Compare("2018-04-01/2018-04-08", "2018-04-01/2018-04-03");

        result.Relation.ShouldBe(ChronologyRelation.Overlapping);
        result.Reason.ShouldBe(
            "2018-04-01/2018-04-08 and 2018-04-01/2018-04-03 overlap: both are certainly under way from 1 April 2018 to 3 April 2018, and the dates cannot tell which began first.");
    }

    [Fact]
    public void A_day_on_which_a_span_begins_overlaps_it()
    {
        var result = Compare("2018-04-01", "2018-04-01/2018-04-08");

        result.Relation.ShouldBe(ChronologyRelation.Overlapping);
        result.Reason.ShouldContain("both are certainly under way on 1 April 2018", Case.Sensitive);
    }

    [Fact]
    public void An_open_ended_span_overlaps_a_day_on_which_it_begins()
    {
        Compare("2018-11-27/..", "2018-11-27").Relation.ShouldBe(ChronologyRelation.Overlapping);
    }

    [Fact]
    public void A_month_and_a_day_inside_it_are_indeterminate()
    {
        var result = Compare("2018-04", "2018-04-03");

        result.Relation.ShouldBe(ChronologyRelation.Indeterminate);
        result.Reason.ShouldBe("2018-04 and 2018-04-03 overlap: April 2018 may be before, on or after 3 April 2018.");
    }

    [Fact]
    public void Two_entries_in_the_same_month_are_indeterminate()
    {
        var result = Compare("2018-04", "2018-04~");

        result.Relation.ShouldBe(ChronologyRelation.Indeterminate);
        result.Reason.ShouldBe(
            "2018-04 and 2018-04~ overlap: both begin in April 2018, and the dates cannot tell which began first. Note that 2018-04~ is marked approximate.");
    }

    [Fact]
    public void A_month_is_not_certainly_under_way_on_the_first_day_of_a_span_inside_it()
    {
        var result = Compare("2018-04", "2018-04-01/2018-04-30");

        result.Relation.ShouldBe(ChronologyRelation.Indeterminate);
        result.Reason.ShouldContain("April 2018 may be before, on or after the start of 2018-04-01/2018-04-30 (1 April 2018)", Case.Sensitive);
    }

    [Fact]
    public void A_span_whose_end_may_precede_its_latest_start_is_indeterminate_against_a_day()
    {
        // "2018-04/2018-04-10" may begin as late as 10 April, so it is certainly under way on no particular day.
        Compare("2018-04/2018-04-10", "2018-04-05").Relation.ShouldBe(ChronologyRelation.Indeterminate);
    }

    [Fact]
    public void A_span_that_ended_before_another_date_began_is_before_it_even_if_its_start_is_only_known_to_the_year()
    {
        var result = Compare("2018/2018-04-22", "2018-07");

        result.Relation.ShouldBe(ChronologyRelation.Before);
        result.Reason.ShouldContain("2018/2018-04-22 begins by 22 April 2018 at the latest", Case.Sensitive);
    }

    [Fact]
    public void An_indeterminate_reason_gives_the_narrowed_start_of_a_span()
    {
        var result = Compare("2018/2018-04-22", "2018-04");

        result.Relation.ShouldBe(ChronologyRelation.Indeterminate);
        result.Reason.ShouldBe(
            "2018/2018-04-22 and 2018-04 overlap: the start of 2018/2018-04-22 (between 1 January 2018 and 22 April 2018) may be before, on or after April 2018.");
    }

    [Fact]
    public void Qualifiers_of_both_dates_are_noted()
    {
        Compare("2018~", "2018-04?").Reason
            .ShouldEndWith("Note that 2018~ is marked approximate and 2018-04? is marked uncertain.");
    }

    [Fact]
    public void A_month_sorts_before_every_day_inside_it_including_its_first()
    {
        Chronology.CompareForSorting(EdtfDate.Parse("2018-04"), EdtfDate.Parse("2018-04-01")).ShouldBeLessThan(0);
        Chronology.CompareForSorting(EdtfDate.Parse("2018-04"), EdtfDate.Parse("2018-04-03")).ShouldBeLessThan(0);
        Chronology.CompareForSorting(EdtfDate.Parse("2018-04-30"), EdtfDate.Parse("2018-04")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_year_sorts_before_its_first_month()
    {
        Chronology.CompareForSorting(EdtfDate.Parse("2018"), EdtfDate.Parse("2018-01")).ShouldBeLessThan(0);
    }

    [Fact]
    public void Dates_with_the_same_start_bounds_tie_so_the_caller_can_use_the_recorded_sequence()
    {
        Chronology.CompareForSorting(EdtfDate.Parse("2018-04-01"), EdtfDate.Parse("2018-04-01/2018-04-08")).ShouldBe(0);
        Chronology.CompareForSorting(EdtfDate.Parse("2018-04"), EdtfDate.Parse("2018-04~/2018-06")).ShouldBe(0);
    }

    [Fact]
    public void A_timeline_sorts_by_when_each_entry_may_first_have_begun()
    {
        string[] texts = ["2018-04-03", "2018", "2018-04-01", "2018-04", "2017-12-31", "2018-04-01/2018-04-08", "2013"];

        var sorted = texts.Select(EdtfDate.Parse).OrderBy(d => d, Chronology.SortOrder).Select(d => d.Text);

        sorted.ShouldBe(["2013", "2017-12-31", "2018", "2018-04", "2018-04-01", "2018-04-01/2018-04-08", "2018-04-03"]);
    }

    [Fact]
    public void Comparing_with_null_is_refused()
    {
        var date = EdtfDate.Parse("2018");

        Should.Throw<ArgumentNullException>(() => Chronology.Compare(date, null!));
        Should.Throw<ArgumentNullException>(() => Chronology.CompareForSorting(null!, date));
    }
}
