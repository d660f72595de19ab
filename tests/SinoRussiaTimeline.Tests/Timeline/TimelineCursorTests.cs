using System.Text;
using CsCheck;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Timeline;

namespace SinoRussiaTimeline.Tests.Timeline;

public sealed class TimelineCursorTests
{
    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void A_cursor_reads_back_as_the_position_it_was_made_from()
    {
        var cursor = new TimelineCursor(735_000, 735_030, 17);

        TimelineCursor.TryParse(cursor.ToString(), out var again).ShouldBeTrue();
        again.ShouldBe(cursor);
    }

    [Fact]
    public void A_cursor_is_url_safe_text_without_padding()
    {
        var text = new TimelineCursor(int.MinValue, int.MaxValue, long.MinValue).ToString();

        text.ShouldMatch("^[A-Za-z0-9_-]+$");
        text.Length.ShouldBeLessThanOrEqualTo(100);
    }

    [Fact]
    public void Cursors_round_trip_for_any_position()
    {
        Gen.Select(Gen.Int, Gen.Int, Gen.Long).Sample(
            (earliest, latest, sequence) =>
            {
                var cursor = new TimelineCursor(earliest, latest, sequence);
                var text = cursor.ToString();

                text.ShouldMatch("^[A-Za-z0-9_-]+$");
                TimelineCursor.TryParse(text, out var again).ShouldBeTrue(text);
                again.ShouldBe(cursor);
            },
            iter: 5_000);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("page-2")]
    [InlineData("not base64 at all!")]
    [InlineData("A")]
    [InlineData("v1:1:2:3")]
    public void Garbage_is_not_a_cursor(string? text)
    {
        TimelineCursor.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("v2:1:2:3")]
    [InlineData("v0:1:2:3")]
    [InlineData("1:2:3")]
    public void A_cursor_of_another_version_is_refused(string decoded)
    {
        TimelineCursor.TryParse(Encode(decoded), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("v1:1:2")]
    [InlineData("v1:1:2:3:4")]
    [InlineData("v1:a:2:3")]
    [InlineData("v1:1:2:three")]
    [InlineData("v1:99999999999:2:3")]
    [InlineData("v1:1.5:2:3")]
    public void A_malformed_position_is_refused(string decoded)
    {
        TimelineCursor.TryParse(Encode(decoded), out _).ShouldBeFalse();
    }

    [Fact]
    public void Over_long_text_is_refused_even_when_it_decodes()
    {
        var padded = Encode("v1:1:2:3" + new string(' ', 80));
        padded.Length.ShouldBeGreaterThan(100);

        TimelineCursor.TryParse(padded, out _).ShouldBeFalse();
    }

    private static TimelineEntry Entry(int earliest, int latest, long sequence) =>
        new() { StartEarliest = earliest, StartLatest = latest, Sequence = sequence };

    private static IEnumerable<TimelineEntry> InOrder(IEnumerable<TimelineEntry> entries, bool descending) =>
        descending
            ? entries.OrderByDescending(e => e.StartEarliest).ThenBy(e => e.StartLatest).ThenByDescending(e => e.Sequence)
            : entries.OrderBy(e => e.StartEarliest).ThenByDescending(e => e.StartLatest).ThenBy(e => e.Sequence);

    [Fact]
    public void Paging_by_cursor_never_skips_or_repeats_an_entry_in_either_order()
    {
        // Few distinct days, so that entries often share a start and only the later keys tell them apart.
        var entries = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 3]).Array[0, 12];

        Gen.Select(entries, Gen.Bool, Gen.Int[1, 5]).Sample(
            (keys, descending, pageSize) =>
            {
                var all = keys.Select((k, i) => Entry(k.Item1, k.Item1 + k.Item2, i + 1)).ToList();
                var expected = InOrder(all, descending).Select(e => e.Sequence).ToList();

                var served = new List<long>();
                TimelineCursor? cursor = null;
                while (true)
                {
                    var remaining = cursor is { } c ? all.AsQueryable().Where(c.Follows<TimelineEntry>(descending)) : all.AsQueryable();
                    var page = InOrder(remaining, descending).Take(pageSize + 1).ToList();
                    served.AddRange(page.Take(pageSize).Select(e => e.Sequence));
                    if (page.Count <= pageSize) break;
                    // As the handler does: the cursor travels as text between pages.
                    TimelineCursor.TryParse(TimelineCursor.After(page[pageSize - 1]).ToString(), out var next).ShouldBeTrue();
                    cursor = next;
                }

                served.ShouldBe(expected);
            },
            iter: 2_000);
    }
}
