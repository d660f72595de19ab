using SinoRussiaTimeline.Dates;

namespace SinoRussiaTimeline.Tests.Dates;

public sealed class EdtfParsingTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void A_day_denotes_exactly_that_day()
    {
        var date = EdtfDate.Parse("2018-04-03");

        date.EarliestStart.ShouldBe(D(2018, 4, 3));
        date.LatestStart.ShouldBe(D(2018, 4, 3));
        date.EarliestEnd.ShouldBe(D(2018, 4, 3));
        date.LatestEnd.ShouldBe(D(2018, 4, 3));
        date.Precision.ShouldBe(EdtfPrecision.Day);
        date.IsSingleDay.ShouldBeTrue();
        date.IsInterval.ShouldBeFalse();
        date.End.ShouldBeNull();
    }

    [Fact]
    public void A_month_denotes_any_day_of_that_month()
    {
        var date = EdtfDate.Parse("2018-04");

        date.EarliestStart.ShouldBe(D(2018, 4, 1));
        date.LatestStart.ShouldBe(D(2018, 4, 30));
        date.EarliestEnd.ShouldBe(D(2018, 4, 1));
        date.LatestEnd.ShouldBe(D(2018, 4, 30));
        date.Precision.ShouldBe(EdtfPrecision.Month);
        date.IsSingleDay.ShouldBeFalse();
    }

    [Fact]
    public void A_year_denotes_any_day_of_that_year()
    {
        var date = EdtfDate.Parse("2013");

        date.EarliestStart.ShouldBe(D(2013, 1, 1));
        date.LatestStart.ShouldBe(D(2013, 12, 31));
        date.Precision.ShouldBe(EdtfPrecision.Year);
        date.IsSingleDay.ShouldBeFalse();
    }

    [Fact]
    public void A_span_of_days_starts_and_ends_on_its_days()
    {
        var date = EdtfDate.Parse("2018-04-01/2018-04-08");

        date.IsInterval.ShouldBeTrue();
        date.IsOpenEnded.ShouldBeFalse();
        date.IsSingleDay.ShouldBeFalse();
        date.EarliestStart.ShouldBe(D(2018, 4, 1));
        date.LatestStart.ShouldBe(D(2018, 4, 1));
        date.EarliestEnd.ShouldBe(D(2018, 4, 8));
        date.LatestEnd.ShouldBe(D(2018, 4, 8));
        date.End.ShouldBe(new EdtfPoint(2018, 4, 8, EdtfQualifier.None));
    }

    [Fact]
    public void A_span_known_to_the_month_runs_from_the_first_day_of_its_start_to_the_last_day_of_its_end()
    {
        var date = EdtfDate.Parse("2018-01/2018-05");

        date.EarliestStart.ShouldBe(D(2018, 1, 1));
        date.LatestStart.ShouldBe(D(2018, 1, 31));
        date.EarliestEnd.ShouldBe(D(2018, 5, 1));
        date.LatestEnd.ShouldBe(D(2018, 5, 31));
        date.Precision.ShouldBe(EdtfPrecision.Month);
    }

    [Fact]
    public void An_open_ended_span_has_a_start_and_no_latest_end()
    {
        var date = EdtfDate.Parse("2018-11-27/..");

        date.IsOpenEnded.ShouldBeTrue();
        date.IsInterval.ShouldBeTrue();
        date.End.ShouldBeNull();
        date.EarliestStart.ShouldBe(D(2018, 11, 27));
        date.LatestStart.ShouldBe(D(2018, 11, 27));
        date.EarliestEnd.ShouldBe(D(2018, 11, 27));
        date.LatestEnd.ShouldBeNull();
        date.Text.ShouldBe("2018-11-27/..");
    }

    [Fact]
    public void A_span_whose_end_falls_inside_its_start_must_have_begun_by_that_end()
    {
        var date = EdtfDate.Parse("2018/2018-04-22");

        date.EarliestStart.ShouldBe(D(2018, 1, 1));
        date.LatestStart.ShouldBe(D(2018, 4, 22));
        date.Start.Latest.ShouldBe(D(2018, 12, 31));
        date.EarliestEnd.ShouldBe(D(2018, 4, 22));
        date.LatestEnd.ShouldBe(D(2018, 4, 22));
    }

    [Fact]
    public void A_span_whose_start_falls_inside_its_end_cannot_end_before_it_begins()
    {
        var date = EdtfDate.Parse("2018-04-10/2018-04");

        date.LatestStart.ShouldBe(D(2018, 4, 10));
        date.EarliestEnd.ShouldBe(D(2018, 4, 10));
        date.End!.Earliest.ShouldBe(D(2018, 4, 1));
        date.LatestEnd.ShouldBe(D(2018, 4, 30));
    }

    [Theory]
    [InlineData("2018-05~", EdtfQualifier.Approximate, "2018-05-01", "2018-05-31")]
    [InlineData("2016-12-25?", EdtfQualifier.Uncertain, "2016-12-25", "2016-12-25")]
    [InlineData("2018%", EdtfQualifier.UncertainAndApproximate, "2018-01-01", "2018-12-31")]
    public void A_qualifier_is_kept_and_leaves_the_bounds_as_they_are_without_it(
        string text, EdtfQualifier qualifier, string earliest, string latest)
    {
        var date = EdtfDate.Parse(text);

        date.Qualifier.ShouldBe(qualifier);
        date.Start.Qualifier.ShouldBe(qualifier);
        date.EarliestStart.ShouldBe(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture));
        date.LatestEnd.ShouldBe(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture));
        date.Text.ShouldBe(text);
    }

    [Fact]
    public void An_unqualified_date_has_no_qualifier()
    {
        EdtfDate.Parse("2018-04").Qualifier.ShouldBe(EdtfQualifier.None);
    }

    [Theory]
    [InlineData("2018-04~/2018-06?", EdtfQualifier.UncertainAndApproximate)]
    [InlineData("2018-04~/2018-06", EdtfQualifier.Approximate)]
    [InlineData("2018-04/2018-06?", EdtfQualifier.Uncertain)]
    [InlineData("2018-04?/..", EdtfQualifier.Uncertain)]
    [InlineData("2018-04%/2018-06~", EdtfQualifier.UncertainAndApproximate)]
    public void An_interval_qualifier_combines_the_qualifiers_of_both_ends(string text, EdtfQualifier expected)
    {
        EdtfDate.Parse(text).Qualifier.ShouldBe(expected);
    }

    [Fact]
    public void Each_end_of_an_interval_keeps_its_own_qualifier()
    {
        var date = EdtfDate.Parse("2018-04~/2018-06?");

        date.Start.Qualifier.ShouldBe(EdtfQualifier.Approximate);
        date.End!.Qualifier.ShouldBe(EdtfQualifier.Uncertain);
    }

    [Theory]
    [InlineData("2018/2018-04-03", EdtfPrecision.Year)]
    [InlineData("2018-04-03/2018-05", EdtfPrecision.Month)]
    [InlineData("2018-04-01/2018-04-08", EdtfPrecision.Day)]
    [InlineData("2018-04/..", EdtfPrecision.Month)]
    public void The_precision_of_an_interval_is_the_coarsest_of_its_points(string text, EdtfPrecision expected)
    {
        EdtfDate.Parse(text).Precision.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2000-02-29")]
    [InlineData("2024-02-29")]
    [InlineData("1600-02-29")]
    public void February_29_exists_in_Gregorian_leap_years(string text)
    {
        EdtfDate.TryParse(text, out var date, out var error).ShouldBeTrue(error);
        date!.EarliestStart.Day.ShouldBe(29);
    }

    [Theory]
    [InlineData("2000-02", 29)]
    [InlineData("1900-02", 28)]
    [InlineData("2024-02", 29)]
    [InlineData("2018-02", 28)]
    public void February_ends_on_the_right_day_for_the_year(string text, int lastDay)
    {
        EdtfDate.Parse(text).LatestEnd.ShouldBe(new DateOnly(int.Parse(text[..4], System.Globalization.CultureInfo.InvariantCulture), 2, lastDay));
    }

    [Theory]
    [InlineData("0001", "0001-01-01", "0001-12-31")]
    [InlineData("9999", "9999-01-01", "9999-12-31")]
    [InlineData("9999-12-31", "9999-12-31", "9999-12-31")]
    public void The_first_and_last_supported_years_are_accepted(string text, string earliest, string latest)
    {
        var date = EdtfDate.Parse(text);

        date.EarliestStart.ShouldBe(DateOnly.ParseExact(earliest, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        date.LatestEnd.ShouldBe(DateOnly.ParseExact(latest, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("  2018-04  ", "2018-04")]
    [InlineData("\t2018-04-01/2018-04-08\n", "2018-04-01/2018-04-08")]
    public void Surrounding_whitespace_is_trimmed(string text, string canonical)
    {
        EdtfDate.Parse(text).Text.ShouldBe(canonical);
    }

    [Theory]
    [InlineData("2018/2018")]
    [InlineData("2018-04/2018-04-10")]
    [InlineData("2018-04-10/2018-04")]
    [InlineData("2018-04-03/2018-04-03")]
    [InlineData("2018/2018-01-01")]
    public void An_interval_whose_bounds_are_equal_or_overlap_is_accepted(string text)
    {
        EdtfDate.TryParse(text, out var date, out var error).ShouldBeTrue(error);
        date!.Text.ShouldBe(text);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(null, "The date is empty")]
    [InlineData("", "The date is empty")]
    [InlineData("   ", "The date is empty")]
    [InlineData("April 2018", "free text is not accepted")]
    [InlineData("in 2013", "free text is not accepted")]
    [InlineData("2018-02-30", "February 2018 has 28 days")]
    [InlineData("2019-02-29", "February 2019 has 28 days")]
    [InlineData("1900-02-29", "February 1900 has 28 days")]
    [InlineData("2018-04-31", "April 2018 has 30 days")]
    [InlineData("2018-01-32", "January 2018 has 31 days")]
    [InlineData("2018-04-00", "day 00 does not exist")]
    [InlineData("2018-13", "month 13 does not exist")]
    [InlineData("2018-00", "month 00 does not exist")]
    [InlineData("2018-13-01", "month 13 does not exist")]
    [InlineData("2018-42", "month 42 does not exist")]
    [InlineData("/", "'/' alone gives neither a start nor an end")]
    [InlineData("../..", "'../..' gives neither a start nor an end")]
    [InlineData("..", "needs a start before it")]
    [InlineData("2018/2017", "the end (2017) is before the start (2018)")]
    [InlineData("2018-05/2018-04-30", "the end (2018-04-30) is before the start (2018-05)")]
    [InlineData("2018-04-08/2018-04-01", "the end (2018-04-01) is before the start (2018-04-08)")]
    [InlineData("0000", "year 0000 is not supported")]
    [InlineData("20180", "the year must have exactly 4 digits")]
    [InlineData("218", "the year must have exactly 4 digits")]
    [InlineData("2018-4", "the month must have 2 digits")]
    [InlineData("2018-04-3", "the day must have 2 digits")]
    [InlineData("2018-04-03-01", "write the date as YYYY, YYYY-MM or YYYY-MM-DD")]
    [InlineData("2018--04", "write the date as YYYY, YYYY-MM or YYYY-MM-DD")]
    [InlineData("2018.04.03", "write the date as YYYY, YYYY-MM or YYYY-MM-DD")]
    [InlineData("2018 04", "spaces are not allowed inside a date")]
    [InlineData("2018?~", "only one qualifier may follow a date")]
    [InlineData("2018/2019/2020", "an interval has exactly one '/'")]
    [InlineData("2018-02-30/2018-03", "the start '2018-02-30' is not valid (February 2018 has 28 days)")]
    [InlineData("2018/2018-13", "the end '2018-13' is not valid (month 13 does not exist)")]
    [InlineData("2018/April", "the end 'April' is not valid (free text is not accepted")]
    public void An_invalid_date_is_rejected_with_a_message_naming_what_is_wrong(string? text, string expected)
    {
        EdtfDate.TryParse(text, out var date, out var error).ShouldBeFalse();

        date.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(expected, Case.Sensitive);
    }

    [Theory]
    [InlineData("2018-04-03T10:00:00", "times of day")]
    [InlineData("2018-04-03T10:00:00Z", "times of day")]
    [InlineData("2018-21", "season")]
    [InlineData("2018-24", "season")]
    [InlineData("201X", "unspecified digits")]
    [InlineData("2018-XX", "unspecified digits")]
    [InlineData("2018-04-XX", "unspecified digits")]
    [InlineData("Y170000002", "Y prefix")]
    [InlineData("-0044", "negative years")]
    [InlineData("[2018, 2019]", "sets of dates")]
    [InlineData("{2018,2019}", "sets of dates")]
    [InlineData("?2018-04", "a qualifier inside the date")]
    [InlineData("2018?-04", "a qualifier inside the date")]
    [InlineData("2018/", "unknown end")]
    [InlineData("/2018", "unknown or open start")]
    [InlineData("../2018", "unknown or open start")]
    public void A_form_outside_level_0_and_the_supported_part_of_level_1_is_called_unsupported(string text, string what)
    {
        EdtfDate.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull();
        error.ShouldContain("unsupported EDTF form", Case.Sensitive);
        error.ShouldContain(what, Case.Sensitive);
    }

    [Fact]
    public void An_unknown_end_is_answered_with_how_to_write_an_open_end()
    {
        EdtfDate.TryParse("2018-11-27/", out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain("write 2018-11-27/.. for an open end", Case.Sensitive);
    }

    [Fact]
    public void An_error_quotes_the_input_and_reads_as_a_sentence()
    {
        EdtfDate.TryParse("2018-02-30", out _, out var error).ShouldBeFalse();

        error.ShouldBe("'2018-02-30' is not a valid EDTF date: February 2018 has 28 days.");
    }

    [Fact]
    public void A_very_long_input_is_shortened_in_the_error()
    {
        var text = new string('1', 500);

        EdtfDate.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().Length.ShouldBeLessThan(200);
    }

    [Theory]
    [InlineData("2018-02-30")]
    [InlineData("April 2018")]
    [InlineData("")]
    [InlineData("2018/2017")]
    public void Parse_throws_a_format_exception_carrying_the_same_message_as_TryParse(string text)
    {
        EdtfDate.TryParse(text, out _, out var error).ShouldBeFalse();

        Should.Throw<FormatException>(() => EdtfDate.Parse(text)).Message.ShouldBe(error);
    }

    [Fact]
    public void The_two_argument_TryParse_agrees_with_the_three_argument_one()
    {
        EdtfDate.TryParse("2018-04", out var good).ShouldBeTrue();
        good!.Text.ShouldBe("2018-04");
        EdtfDate.TryParse("2018-13", out var bad).ShouldBeFalse();
        bad.ShouldBeNull();
    }

    [Fact]
    public void Dates_with_the_same_canonical_text_are_equal_and_hash_alike()
    {
        var a = EdtfDate.Parse("2018-04~");
        var b = EdtfDate.Parse(" 2018-04~ ");

        a.Equals(b).ShouldBeTrue();
        (a == b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ToString().ShouldBe("2018-04~");
    }

    [Theory]
    [InlineData("2018-04", "2018-04~")]
    [InlineData("2018-04", "2018-04-01/2018-04-30")]
    [InlineData("2018-04/..", "2018-04")]
    public void Dates_that_differ_in_text_are_not_equal_even_with_the_same_bounds(string left, string right)
    {
        var a = EdtfDate.Parse(left);
        var b = EdtfDate.Parse(right);

        a.Equals(b).ShouldBeFalse();
        (a != b).ShouldBeTrue();
    }

    [Fact]
    public void A_point_prints_as_canonical_EDTF()
    {
        new EdtfPoint(2018, 4, null, EdtfQualifier.Approximate).ToString().ShouldBe("2018-04~");
        new EdtfPoint(900, null, null, EdtfQualifier.None).ToString().ShouldBe("0900");
        new EdtfPoint(2016, 12, 25, EdtfQualifier.Uncertain).ToString().ShouldBe("2016-12-25?");
        new EdtfPoint(2018, null, null, EdtfQualifier.UncertainAndApproximate).ToString().ShouldBe("2018%");
    }

    [Theory]
    [InlineData(2018, 2, 30, "February 2018 has 28 days")]
    [InlineData(2018, 13, null, "month 13 does not exist")]
    [InlineData(2018, null, 3, "a day needs a month")]
    [InlineData(0, null, null, "year 0000 is not supported")]
    [InlineData(10000, null, null, "year 10000 is not supported")]
    public void A_point_cannot_be_built_with_values_that_make_no_calendar_day(int year, int? month, int? day, string expected)
    {
        Should.Throw<ArgumentException>(() => new EdtfPoint(year, month, day, EdtfQualifier.None))
            .Message.ShouldContain(expected, Case.Sensitive);
    }

    [Theory]
    [InlineData("2018", "2018-04-03", true)]
    [InlineData("2018-04-01/2018-04-08", "2018-04-08", true)]
    [InlineData("2018-04-01/2018-04-08", "2018-04-09", false)]
    [InlineData("2018-04", "2018-05", false)]
    [InlineData("2018-04", "2018-04-30/2018-06", true)]
    [InlineData("2018-11-27/..", "2030", true)]
    [InlineData("2018-11-27/..", "2018-11-26", false)]
    [InlineData("2018-11-27/..", "2017/..", true)]
    public void Two_dates_overlap_when_their_possible_days_meet(string left, string right, bool expected)
    {
        var a = EdtfDate.Parse(left);
        var b = EdtfDate.Parse(right);

        a.Overlaps(b).ShouldBe(expected);
        b.Overlaps(a).ShouldBe(expected);
    }
}
