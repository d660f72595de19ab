using System.Text.Json.Nodes;
using CsCheck;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

public sealed class AuditChainTests
{
    private static string Time(AuditRecord record) => record.ToCanonicalObject()["recordedAt"]!.GetValue<string>();

    [Fact]
    public void The_genesis_hash_is_sixty_four_zeros()
    {
        AuditChain.Genesis.ShouldBe(new string('0', 64));
    }

    [Fact]
    public void The_canonical_form_of_a_record_has_the_eight_fields_in_code_unit_order_and_the_time_in_utc_microseconds()
    {
        AuditSamples.XiJinping.Canonical().ShouldBe(AuditSamples.XiJinpingCanonical);
        AuditSamples.VladimirPutin.Canonical().ShouldBe(AuditSamples.VladimirPutinCanonical);
    }

    [Fact]
    public void The_first_link_hashes_the_genesis_value_a_newline_and_the_canonical_record_to_the_pinned_vector()
    {
        AuditChain.Link(AuditChain.Genesis, AuditSamples.XiJinping).ShouldBe(AuditSamples.XiJinpingHash);
    }

    [Fact]
    public void The_second_link_hashes_on_from_the_first_to_the_pinned_vector()
    {
        AuditChain.Link(AuditSamples.XiJinpingHash, AuditSamples.VladimirPutin).ShouldBe(AuditSamples.VladimirPutinHash);
    }

    public static TheoryData<string, Func<AuditRecord, AuditRecord>> Changes => new()
    {
        { "sequence", r => r with { Sequence = r.Sequence + 1 } },
        { "stream id", r => r with { StreamId = r.StreamId + "x" } },
        { "version", r => r with { Version = r.Version + 1 } },
        { "type", r => r with { Type = "visit_recorded" } },
        { "recorded at, by a microsecond", r => r with { RecordedAt = r.RecordedAt.AddTicks(10) } },
        { "recorded by", r => r with { RecordedBy = "someone-else" } },
        { "recorded by, to null", r => r with { RecordedBy = null } },
        { "correlation id", r => r with { CorrelationId = "0190f3a1c2d94b7e8a6f5e4d3c2b1a0a" } },
        { "correlation id, to null", r => r with { CorrelationId = null } },
        { "a data value", r => r with { Data = JsonNode.Parse("""{"id":"xi-jinping","name":"Xi Jinping","nameNative":"习近平","country":"RU"}""") } },
        { "a data member name", r => r with { Data = JsonNode.Parse("""{"id":"xi-jinping","name":"Xi Jinping","nameNative":"习近平","Country":"CN"}""") } },
        { "data, to null", r => r with { Data = null } },
        { "data, to an empty object", r => r with { Data = new JsonObject() } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Changing_any_field_changes_the_hash(string field, Func<AuditRecord, AuditRecord> change)
    {
        var changed = change(AuditSamples.XiJinping);

        AuditChain.Link(AuditChain.Genesis, changed).ShouldNotBe(AuditSamples.XiJinpingHash, field);
    }

    [Fact]
    public void Changing_the_previous_hash_changes_the_hash()
    {
        AuditChain.Link(AuditSamples.XiJinpingHash, AuditSamples.XiJinping).ShouldNotBe(AuditSamples.XiJinpingHash);
    }

    [Fact]
    public void Changing_any_field_of_any_record_changes_its_hash()
    {
        Gen.Select(Gen.Long[1, 1_000_000], Gen.Int[0, 7], JsonGen.Text).Sample(
            (sequence, field, text) =>
            {
                var record = AuditSamples.Synthetic(sequence);
                var changed = field switch
                {
                    0 => record with { Sequence = sequence + 1 },
                    1 => record with { StreamId = record.StreamId + text + "!" },
                    2 => record with { Version = record.Version - 1 },
                    3 => record with { Type = record.Type + "_" + text },
                    4 => record with { RecordedAt = record.RecordedAt.AddTicks(-10) },
                    5 => record with { RecordedBy = record.RecordedBy is null ? text : null },
                    6 => record with { CorrelationId = record.CorrelationId + "?" + text },
                    _ => record with { Data = new JsonObject { ["title"] = text } },
                };
                AuditChain.Link(AuditChain.Genesis, changed).ShouldNotBe(AuditChain.Link(AuditChain.Genesis, record));
            },
            iter: 2_000);
    }

    [Fact]
    public void A_hash_is_sixty_four_lower_case_hex_digits()
    {
        Gen.Long[1, 1_000_000].Sample(
            sequence => AuditChain.Link(AuditChain.Genesis, AuditSamples.Synthetic(sequence)).ShouldMatch("^[0-9a-f]{64}$"),
            iter: 500);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("2B3F5E2DE971EEAE9351C0A5A407BF0DFF9AB9F008C6BABFD242B06EDB023B52")]
    [InlineData("2b3f5e2de971eeae9351c0a5a407bf0dff9ab9f008c6babfd242b06edb023b5g")]
    public void A_previous_hash_that_is_not_sixty_four_lower_case_hex_digits_is_refused(string previous)
    {
        Should.Throw<ArgumentException>(() => AuditChain.Link(previous, AuditSamples.XiJinping)).ParamName.ShouldBe("previousHash");
    }

    [Fact]
    public void The_time_is_written_in_utc_with_exactly_six_fraction_digits()
    {
        var at = new DateTimeOffset(2019, 6, 5, 23, 59, 59, TimeSpan.FromHours(8));

        Time(AuditSamples.XiJinping with { RecordedAt = at }).ShouldBe("2019-06-05T15:59:59.000000Z");
        Time(AuditSamples.XiJinping with { RecordedAt = at.AddTicks(10) }).ShouldBe("2019-06-05T15:59:59.000001Z");
        Time(AuditSamples.XiJinping with { RecordedAt = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero) }).ShouldBe("0001-01-01T00:00:00.000000Z");
    }

    [Fact]
    public void Ticks_below_a_microsecond_are_not_hashed_because_postgresql_does_not_keep_them()
    {
        var record = AuditSamples.XiJinping;

        Time(record with { RecordedAt = record.RecordedAt.AddTicks(9) }).ShouldBe("2024-05-16T09:30:00.123456Z");
        AuditChain.Link(AuditChain.Genesis, record with { RecordedAt = record.RecordedAt.AddTicks(9) }).ShouldBe(AuditSamples.XiJinpingHash);
    }

    [Fact]
    public void The_time_is_written_the_same_under_any_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            AuditSamples.XiJinping.Canonical().ShouldBe(AuditSamples.XiJinpingCanonical);
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fa-IR");
            AuditChain.Link(AuditChain.Genesis, AuditSamples.XiJinping).ShouldBe(AuditSamples.XiJinpingHash);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(9_007_199_254_740_992L, 1L)]
    [InlineData(1L, 9_007_199_254_740_992L)]
    [InlineData(long.MinValue, 1L)]
    public void A_sequence_or_version_that_a_double_cannot_hold_exactly_is_refused(long sequence, long version)
    {
        var record = AuditSamples.XiJinping with { Sequence = sequence, Version = version };

        Should.Throw<InvalidOperationException>(() => record.Canonical()).Message.ShouldContain("beyond 2^53 - 1");
    }

    [Fact]
    public void The_largest_exact_sequence_is_accepted()
    {
        (AuditSamples.XiJinping with { Sequence = 9_007_199_254_740_991 }).Canonical().ShouldContain("\"sequence\":9007199254740991");
    }

    [Fact]
    public void The_canonical_object_copies_the_data_so_neither_changes_the_other()
    {
        var record = AuditSamples.XiJinping;

        var first = record.ToCanonicalObject();
        first["data"]!["country"] = "RU";
        var second = record.ToCanonicalObject();

        record.Data!["country"]!.GetValue<string>().ShouldBe("CN");
        second["data"]!["country"]!.GetValue<string>().ShouldBe("CN");
        record.Canonical().ShouldBe(AuditSamples.XiJinpingCanonical);
    }

    [Fact]
    public void Data_that_belongs_to_another_document_can_still_be_hashed()
    {
        var document = JsonNode.Parse("""{"body":{"id":"xi-jinping","name":"Xi Jinping","nameNative":"习近平","country":"CN"}}""")!;

        var record = AuditSamples.XiJinping with { Data = document["body"] };

        AuditChain.Link(AuditChain.Genesis, record).ShouldBe(AuditSamples.XiJinpingHash);
    }

    [Fact]
    public void Data_that_has_no_canonical_form_cannot_be_hashed()
    {
        var record = AuditSamples.XiJinping with { Data = new JsonObject { ["ratio"] = double.NaN } };

        Should.Throw<ArgumentException>(() => AuditChain.Link(AuditChain.Genesis, record));
    }
}
