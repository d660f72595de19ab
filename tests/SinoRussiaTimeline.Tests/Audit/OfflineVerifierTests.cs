using System.Text.Json.Nodes;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

public sealed class OfflineVerifierTests
{
    private static readonly List<string> Export = AuditSamples.Export(Enumerable.Range(1, 1_000).Select(i => AuditSamples.Synthetic(i)));

    private static readonly string Head = AuditSamples.HashOf(Export[^1]);

    private static Task<VerificationResult> Verify(IEnumerable<string> lines, string? expectedHead = null, string? start = null, string newline = "\n") =>
        OfflineVerifier.VerifyAsync(new StringReader(string.Join(newline, lines) + newline), expectedHead, start, TestContext.Current.CancellationToken);

    /// <summary>The export with the line of <paramref name="sequence"/> (line number = sequence) changed.</summary>
    private static List<string> With(long sequence, Func<string, string> change)
    {
        var lines = Export.ToList();
        lines[(int)sequence - 1] = change(lines[(int)sequence - 1]);
        return lines;
    }

    [Fact]
    public async Task A_valid_export_of_a_thousand_events_verifies_against_its_head_hash()
    {
        var result = await Verify(Export, Head, AuditChain.Genesis);

        result.ShouldBe(new VerificationResult(true, 1_000, 1_000, Head, null, null));
    }

    [Fact]
    public async Task A_valid_export_verifies_without_an_expected_head_and_reports_its_head()
    {
        var result = await Verify(Export);

        result.Valid.ShouldBeTrue(result.Problem);
        result.HeadHash.ShouldBe(Head);
        result.LastSequence.ShouldBe(1_000);
    }

    [Fact]
    public async Task A_changed_data_field_is_reported_at_its_sequence()
    {
        var lines = With(500, line => line.Replace("\"count\":750", "\"count\":751", StringComparison.Ordinal));
        lines[499].ShouldContain("\"count\":751");

        var result = await Verify(lines, Head);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(500);
        result.EventsChecked.ShouldBe(499);
        result.LastSequence.ShouldBe(499);
        result.HeadHash.ShouldBe(AuditSamples.HashOf(Export[498]));
        result.Problem.ShouldNotBeNull();
        result.Problem.ShouldStartWith("Line 500: the content of sequence 500 does not match its hash");
        result.Problem.ShouldContain("the event was altered");
    }

    [Theory]
    [InlineData("\"type\":\"", "\"type\":\"x")]
    [InlineData("\"streamId\":\"", "\"streamId\":\"x")]
    [InlineData("\"recordedAt\":\"2024-", "\"recordedAt\":\"2023-")]
    [InlineData("\"recordedBy\":\"seed\"", "\"recordedBy\":null")]
    [InlineData("\"version\":108", "\"version\":109")]
    [InlineData("\"tags\":[\"visit\",\"working\"]", "\"tags\":[\"working\",\"visit\"]")]
    public async Task A_change_to_any_field_of_a_line_is_reported_at_its_sequence(string from, string to)
    {
        var lines = With(321, line => line.Replace(from, to, StringComparison.Ordinal));
        lines[320].ShouldContain(to);

        var result = await Verify(lines, Head);

        result.FirstBadSequence.ShouldBe(321);
        result.Problem.ShouldNotBeNull().ShouldStartWith("Line 321: the content of sequence 321 does not match its hash");
    }

    [Fact]
    public async Task A_deleted_line_is_reported_at_the_sequence_after_it()
    {
        var lines = Export.ToList();
        lines.RemoveAt(499); // sequence 500

        var result = await Verify(lines, Head);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(501);
        result.EventsChecked.ShouldBe(499);
        result.Problem.ShouldNotBeNull().ShouldStartWith("Line 500: the previousHash of sequence 501 is");
        result.Problem.ShouldContain("but the line before (sequence 499) has hash");
        result.Problem.ShouldContain("a line was deleted, inserted or moved just before sequence 501");
    }

    [Fact]
    public async Task Swapped_lines_are_reported_at_the_first_line_out_of_place()
    {
        var lines = Export.ToList();
        (lines[499], lines[500]) = (lines[500], lines[499]); // sequences 500 and 501

        var result = await Verify(lines, Head);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(501);
        result.Problem.ShouldNotBeNull().ShouldStartWith("Line 500: the previousHash of sequence 501");
    }

    [Fact]
    public async Task A_wrong_head_hash_is_reported_at_the_last_sequence()
    {
        var wrong = AuditSamples.HashOf(Export[998]);

        var result = await Verify(Export, wrong);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(1_000);
        result.EventsChecked.ShouldBe(1_000);
        result.HeadHash.ShouldBe(Head);
        result.Problem.ShouldBe(
            $"The export ends at sequence 1000 with hash {Head}, but the expected head hash is {wrong}; events after sequence 1000 are missing, or the chain was rewritten.");
    }

    [Fact]
    public async Task A_truncated_export_is_caught_only_by_the_head_hash()
    {
        var truncated = Export.Take(990).ToList();

        (await Verify(truncated)).Valid.ShouldBeTrue();
        var result = await Verify(truncated, Head);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(990);
        result.Problem.ShouldNotBeNull().ShouldContain("events after sequence 990 are missing");
    }

    [Fact]
    public async Task A_rewritten_tail_with_recomputed_hashes_is_caught_only_by_the_head_hash()
    {
        var records = Export.Select(line => AuditLine.Parse(line).Record).ToList();
        records[699] = records[699] with { Data = new JsonObject { ["title"] = "forged" } };
        var forged = AuditSamples.Export(records);

        (await Verify(forged)).Valid.ShouldBeTrue();
        var result = await Verify(forged, Head);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(1_000);
    }

    [Fact]
    public async Task A_malformed_line_is_reported_with_its_line_number()
    {
        var lines = With(300, _ => "{\"sequence\":300,");

        var result = await Verify(lines, Head);

        result.Valid.ShouldBeFalse();
        result.EventsChecked.ShouldBe(299);
        result.FirstBadSequence.ShouldBeNull();
        result.Problem.ShouldNotBeNull().ShouldStartWith("Line 300 is malformed (the last good line before it has sequence 299): The line is not valid JSON");
    }

    [Fact]
    public async Task A_malformed_line_that_still_names_its_sequence_is_reported_at_it()
    {
        var lines = With(42, line => line.Replace("\"version\":", "\"release\":", StringComparison.Ordinal));

        var result = await Verify(lines);

        result.FirstBadSequence.ShouldBe(42);
        result.Problem.ShouldNotBeNull().ShouldStartWith("Line 42 (sequence 42) is malformed");
        result.Problem.ShouldContain("unexpected member \"release\"");
    }

    [Fact]
    public async Task The_first_line_being_malformed_is_reported_as_line_one()
    {
        var result = await Verify(["not json", .. Export]);

        result.EventsChecked.ShouldBe(0);
        result.LastSequence.ShouldBeNull();
        result.Problem.ShouldNotBeNull().ShouldStartWith("Line 1 is malformed: ");
    }

    [Fact]
    public async Task A_repeated_line_is_reported_as_a_sequence_that_does_not_increase()
    {
        var lines = Export.ToList();
        lines.Insert(10, lines[9]); // sequence 10 twice

        var result = await Verify(lines, Head);

        result.FirstBadSequence.ShouldBe(10);
        result.Problem.ShouldBe("Line 11: sequence 10 does not increase on the sequence 10 of the line before; lines were moved or repeated.");
    }

    [Fact]
    public async Task Gaps_in_the_sequence_are_allowed_because_postgresql_sequences_skip_numbers_of_rolled_back_transactions()
    {
        var lines = AuditSamples.Export(new long[] { 1, 2, 5, 9, 10, 100 }.Select(AuditSamples.Synthetic));

        var result = await Verify(lines, AuditSamples.HashOf(lines[^1]), AuditChain.Genesis);

        result.Valid.ShouldBeTrue(result.Problem);
        result.EventsChecked.ShouldBe(6);
        result.LastSequence.ShouldBe(100);
    }

    [Fact]
    public async Task A_partial_export_trusts_its_first_previous_hash_unless_a_starting_hash_is_given()
    {
        var tail = Export.Skip(500).ToList(); // sequences 501 to 1000
        var hashOf500 = AuditSamples.HashOf(Export[499]);

        (await Verify(tail, Head)).ShouldBe(new VerificationResult(true, 500, 1_000, Head, null, null));
        (await Verify(tail, Head, hashOf500)).Valid.ShouldBeTrue();

        var wrongStart = await Verify(tail, Head, AuditChain.Genesis);
        wrongStart.Valid.ShouldBeFalse();
        wrongStart.FirstBadSequence.ShouldBe(501);
        wrongStart.Problem.ShouldNotBeNull().ShouldContain($"but the export should start from {AuditChain.Genesis}");
    }

    [Fact]
    public async Task A_full_export_missing_its_first_lines_is_caught_by_the_genesis_starting_hash()
    {
        var result = await Verify(Export.Skip(3), Head, AuditChain.Genesis);

        result.Valid.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(4);
        result.Problem.ShouldNotBeNull().ShouldStartWith("Line 1: the previousHash of sequence 4");
    }

    [Fact]
    public async Task An_empty_export_is_valid_and_its_head_is_its_starting_point()
    {
        (await Verify([])).ShouldBe(new VerificationResult(true, 0, null, null, null, null));
        (await Verify([], AuditChain.Genesis)).Valid.ShouldBeTrue();
        (await Verify([], Head, Head)).ShouldBe(new VerificationResult(true, 0, null, Head, null, null));

        var missing = await Verify([], Head);
        missing.Valid.ShouldBeFalse();
        missing.Problem.ShouldNotBeNull().ShouldStartWith("The export has no events");
    }

    [Fact]
    public async Task Blank_lines_and_crlf_line_ends_do_not_matter_but_count_in_line_numbers()
    {
        var lines = Export.Take(20).ToList();
        lines.Insert(5, "");
        lines.Insert(10, "   ");

        (await Verify(lines, AuditSamples.HashOf(Export[19]), newline: "\r\n")).Valid.ShouldBeTrue();

        lines[15] = "{";
        (await Verify(lines, newline: "\r\n")).Problem.ShouldNotBeNull().ShouldStartWith("Line 16 is malformed");
    }

    [Fact]
    public async Task An_expected_head_hash_in_upper_case_is_accepted()
    {
        (await Verify(Export, Head.ToUpperInvariant())).Valid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("abc", null)]
    [InlineData(null, "not-a-hash")]
    public async Task A_given_hash_that_is_not_sixty_four_hex_digits_is_refused(string? expectedHead, string? start)
    {
        await Should.ThrowAsync<ArgumentException>(() => Verify(Export.Take(1), expectedHead, start));
    }

    [Fact]
    public async Task Verifying_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => OfflineVerifier.VerifyAsync(new StringReader(string.Join("\n", Export)), Head, ct: cancel.Token));
    }
}
