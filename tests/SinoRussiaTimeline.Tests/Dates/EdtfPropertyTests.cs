using CsCheck;
using SinoRussiaTimeline.Dates;

namespace SinoRussiaTimeline.Tests.Dates;

public sealed class EdtfPropertyTests
{
    private const long Iterations = 2_000;

    [Fact]
    public void Every_date_parses_back_from_its_text_to_an_equal_value()
    {
        EdtfGen.AnyDate.Sample(
            date =>
            {
                var again = EdtfDate.Parse(date.Text);
                again.ShouldBe(date);
                again.Text.ShouldBe(date.Text);
                again.Start.ShouldBe(date.Start);
                again.End.ShouldBe(date.End);
                again.IsOpenEnded.ShouldBe(date.IsOpenEnded);
                EdtfDate.Parse(date.ToString()).ShouldBe(date);
            },
            iter: Iterations);
    }

    [Fact]
    public void Every_point_parses_back_from_its_text_to_an_equal_point()
    {
        EdtfGen.Point(EdtfGen.AnyYear).Sample(
            point => EdtfDate.Parse(point.ToString()).Start.ShouldBe(point),
            iter: Iterations);
    }

    [Fact]
    public void Surrounding_whitespace_never_changes_the_value()
    {
        EdtfGen.AnyDate.Sample(
            date => EdtfDate.Parse($" \t{date.Text}\n ").ShouldBe(date),
            iter: Iterations);
    }

    [Fact]
    public void The_bounds_of_every_date_are_ordered()
    {
        EdtfGen.AnyDate.Sample(
            date =>
            {
                var latestEnd = date.LatestEnd ?? DateOnly.MaxValue;
                date.EarliestStart.ShouldBeLessThanOrEqualTo(date.LatestStart);
                date.LatestStart.ShouldBeLessThanOrEqualTo(latestEnd);
                date.EarliestStart.ShouldBeLessThanOrEqualTo(date.EarliestEnd);
                date.EarliestEnd.ShouldBeLessThanOrEqualTo(latestEnd);
                date.EarliestStart.ShouldBe(date.Start.Earliest);
                date.LatestStart.ShouldBeLessThanOrEqualTo(date.Start.Latest);
                if (date.End is { } end)
                {
                    date.LatestStart.ShouldBe(end.Latest < date.Start.Latest ? end.Latest : date.Start.Latest);
                    date.EarliestEnd.ShouldBeGreaterThanOrEqualTo(end.Earliest);
                    date.LatestEnd.ShouldBe(end.Latest);
                }
                else
                {
                    date.LatestStart.ShouldBe(date.Start.Latest);
                }

                if (date.IsOpenEnded)
                {
                    date.LatestEnd.ShouldBeNull();
                    date.EarliestEnd.ShouldBe(date.LatestStart);
                }
                else if (!date.IsInterval)
                {
                    date.EarliestEnd.ShouldBe(date.EarliestStart);
                    date.LatestEnd.ShouldBe(date.LatestStart);
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void A_month_runs_from_its_first_day_to_its_last()
    {
        EdtfGen.PointAt(EdtfPrecision.Month).Sample(
            point =>
            {
                point.Precision.ShouldBe(EdtfPrecision.Month);
                point.Earliest.ShouldBe(new DateOnly(point.Year, point.Month!.Value, 1));
                point.Latest.Year.ShouldBe(point.Year);
                point.Latest.Month.ShouldBe(point.Month.Value);
                point.Latest.Day.ShouldBe(DateTime.DaysInMonth(point.Year, point.Month.Value));
            },
            iter: Iterations);
    }

    [Fact]
    public void A_year_spans_365_days_or_366_in_a_leap_year()
    {
        EdtfGen.PointAt(EdtfPrecision.Year).Sample(
            point =>
            {
                var days = point.Latest.DayNumber - point.Earliest.DayNumber + 1;
                days.ShouldBe(DateTime.IsLeapYear(point.Year) ? 366 : 365);
                point.Earliest.ShouldBe(new DateOnly(point.Year, 1, 1));
            },
            iter: Iterations);
    }

    [Fact]
    public void A_day_denotes_only_itself()
    {
        EdtfGen.PointAt(EdtfPrecision.Day).Sample(
            point =>
            {
                point.Earliest.ShouldBe(point.Latest);
                point.Earliest.ShouldBe(new DateOnly(point.Year, point.Month!.Value, point.Day!.Value));
                EdtfDate.Parse(point.ToString()).IsSingleDay.ShouldBeTrue();
            },
            iter: Iterations);
    }

    [Fact]
    public void A_qualifier_never_moves_the_bounds()
    {
        EdtfGen.Point(EdtfGen.AnyYear).Sample(
            point =>
            {
                var plain = point with { Qualifier = EdtfQualifier.None };
                point.Earliest.ShouldBe(plain.Earliest);
                point.Latest.ShouldBe(plain.Latest);
            },
            iter: Iterations);
    }

    [Fact]
    public void A_day_of_the_month_beyond_its_length_is_rejected_and_every_day_within_it_is_accepted()
    {
        Gen.Select(EdtfGen.AnyYear, Gen.Int[1, 12], Gen.Int[1, 68], Gen.Int[1, 31]).Sample(
            (year, month, beyond, within) =>
            {
                var length = DateTime.DaysInMonth(year, month);
                var tooLate = length + beyond;
                var text = FormattableString.Invariant($"{year:D4}-{month:D2}-{tooLate:D2}");

                EdtfDate.TryParse(text, out var date, out var error).ShouldBeFalse();
                date.ShouldBeNull();
                error.ShouldNotBeNull().ShouldContain(
                    FormattableString.Invariant($"{new DateTime(2000, month, 1):MMMM} {year} has {length} days"), Case.Sensitive);

                var fine = FormattableString.Invariant($"{year:D4}-{month:D2}-{Math.Min(within, length):D2}");
                EdtfDate.TryParse(fine, out _, out var noError).ShouldBeTrue(noError);
            },
            iter: Iterations);
    }

    [Fact]
    public void An_interval_is_rejected_exactly_when_its_end_is_over_before_its_start_can_begin()
    {
        Gen.Select(EdtfGen.Point(EdtfGen.NearbyYear), EdtfGen.Point(EdtfGen.NearbyYear)).Sample(
            (start, end) =>
            {
                var valid = EdtfDate.TryParse($"{start}/{end}", out _, out var error);
                valid.ShouldBe(end.Latest >= start.Earliest, error);
                if (!valid)
                {
                    error.ShouldNotBeNull().ShouldContain($"the end ({end}) is before the start ({start})", Case.Sensitive);
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Comparing_the_other_way_round_gives_the_mirror_relation()
    {
        Gen.Select(EdtfGen.CloseDate, EdtfGen.CloseDate).Sample(
            (a, b) => Chronology.Compare(b, a).Relation.ShouldBe(Mirror(Chronology.Compare(a, b).Relation)),
            iter: Iterations);
    }

    [Fact]
    public void Every_relation_holds_to_its_definition_on_the_bounds()
    {
        Gen.Select(EdtfGen.CloseDate, EdtfGen.CloseDate).Sample(
            (a, b) =>
            {
                var relation = Chronology.Compare(a, b).Relation;
                (relation == ChronologyRelation.Before).ShouldBe(a.LatestStart < b.EarliestStart);
                (relation == ChronologyRelation.After).ShouldBe(b.LatestStart < a.EarliestStart);
                if (relation == ChronologyRelation.SameDay)
                {
                    a.IsSingleDay.ShouldBeTrue();
                    b.IsSingleDay.ShouldBeTrue();
                    a.EarliestStart.ShouldBe(b.EarliestStart);
                }

                if (relation == ChronologyRelation.Overlapping)
                {
                    (a.IsInterval || b.IsInterval).ShouldBeTrue();
                    Max(a.LatestStart, b.LatestStart).ShouldBeLessThanOrEqualTo(Min(a.EarliestEnd, b.EarliestEnd));
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Dates_that_are_neither_before_nor_after_each_other_overlap()
    {
        Gen.Select(EdtfGen.CloseDate, EdtfGen.CloseDate).Sample(
            (a, b) =>
            {
                var relation = Chronology.Compare(a, b).Relation;
                if (relation is not (ChronologyRelation.Before or ChronologyRelation.After))
                {
                    a.Overlaps(b).ShouldBeTrue();
                }

                a.Overlaps(b).ShouldBe(b.Overlaps(a));
            },
            iter: Iterations);
    }

    [Fact]
    public void Every_reason_is_a_sentence_naming_both_dates()
    {
        Gen.Select(EdtfGen.CloseDate, EdtfGen.CloseDate).Sample(
            (a, b) =>
            {
                var reason = Chronology.Compare(a, b).Reason;
                reason.ShouldContain(a.Text, Case.Sensitive);
                reason.ShouldContain(b.Text, Case.Sensitive);
                reason.ShouldEndWith(".");
            },
            iter: Iterations);
    }

    [Fact]
    public void Before_sorts_first_and_after_sorts_last()
    {
        Gen.Select(EdtfGen.CloseDate, EdtfGen.CloseDate).Sample(
            (a, b) =>
            {
                var relation = Chronology.Compare(a, b).Relation;
                var order = Chronology.CompareForSorting(a, b);
                if (relation == ChronologyRelation.Before)
                {
                    order.ShouldBeLessThan(0);
                }

                if (relation == ChronologyRelation.After)
                {
                    order.ShouldBeGreaterThan(0);
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void The_sort_order_is_reflexive_and_antisymmetric()
    {
        Gen.Select(EdtfGen.CloseDate, EdtfGen.CloseDate).Sample(
            (a, b) =>
            {
                Chronology.CompareForSorting(a, a).ShouldBe(0);
                Math.Sign(Chronology.CompareForSorting(a, b)).ShouldBe(-Math.Sign(Chronology.CompareForSorting(b, a)));
            },
            iter: Iterations);
    }

    [Fact]
    public void The_sort_order_is_transitive()
    {
        Gen.Select(EdtfGen.CloseDate, EdtfGen.CloseDate, EdtfGen.CloseDate).Sample(
            (a, b, c) =>
            {
                if (Chronology.CompareForSorting(a, b) <= 0 && Chronology.CompareForSorting(b, c) <= 0)
                {
                    Chronology.CompareForSorting(a, c).ShouldBeLessThanOrEqualTo(0);
                }

                if (Chronology.CompareForSorting(a, b) == 0 && Chronology.CompareForSorting(b, c) == 0)
                {
                    Chronology.CompareForSorting(a, c).ShouldBe(0);
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void A_sorted_timeline_has_no_pair_out_of_order()
    {
        EdtfGen.CloseDate.Array[2, 30].Sample(
            dates =>
            {
                var sorted = dates.OrderBy(d => d, Chronology.SortOrder).ToArray();
                for (var i = 0; i < sorted.Length; i++)
                {
                    for (var j = i + 1; j < sorted.Length; j++)
                    {
                        Chronology.CompareForSorting(sorted[i], sorted[j]).ShouldBeLessThanOrEqualTo(0);
                        Chronology.Compare(sorted[i], sorted[j]).Relation.ShouldNotBe(ChronologyRelation.After);
                    }
                }
            },
            iter: 500);
    }

    [Fact]
    public void Every_date_has_a_display_text_that_names_its_starting_year()
    {
        EdtfGen.AnyDate.Sample(
            date => date.ToDisplayString().ShouldContain(date.Start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Case.Sensitive),
            iter: Iterations);
    }

    private static ChronologyRelation Mirror(ChronologyRelation relation) => relation switch
    {
        ChronologyRelation.Before => ChronologyRelation.After,
        ChronologyRelation.After => ChronologyRelation.Before,
        _ => relation,
    };

    private static DateOnly Max(DateOnly x, DateOnly y) => x > y ? x : y;

    private static DateOnly Min(DateOnly x, DateOnly y) => x < y ? x : y;
}
