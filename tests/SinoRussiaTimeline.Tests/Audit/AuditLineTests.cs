using System.Text.Json.Nodes;
using CsCheck;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

public sealed class AuditLineTests
{
    private const string XiLine =
        """{"correlationId":"0190f3a1c2d94b7e8a6f5e4d3c2b1a09","data":{"country":"CN","id":"xi-jinping","name":"Xi Jinping","nameNative":"习近平"},"hash":"2b3f5e2de971eeae9351c0a5a407bf0dff9ab9f008c6babfd242b06edb023b52","previousHash":"0000000000000000000000000000000000000000000000000000000000000000","recordedAt":"2024-05-16T09:30:00.123456Z","recordedBy":"seed","sequence":1,"streamId":"xi-jinping","type":"official_registered","version":1}""";

    [Fact]
    public void A_line_is_the_canonical_record_with_the_two_hashes_sorted_in_among_its_members()
    {
        AuditLine.Format(AuditSamples.XiJinping, AuditChain.Genesis, AuditSamples.XiJinpingHash).ShouldBe(XiLine);
    }

    [Fact]
    public void Removing_the_two_hash_members_from_a_line_leaves_the_canonical_record()
    {
        var line = AuditLine.Format(AuditSamples.VladimirPutin, AuditSamples.XiJinpingHash, AuditSamples.VladimirPutinHash);

        line.Replace($",\"hash\":\"{AuditSamples.VladimirPutinHash}\",\"previousHash\":\"{AuditSamples.XiJinpingHash}\"", "", StringComparison.Ordinal)
            .ShouldBe(AuditSamples.VladimirPutinCanonical);
    }

    [Fact]
    public void Parsing_a_line_gives_back_the_record_and_both_hashes()
    {
        var (record, previous, hash) = AuditLine.Parse(XiLine);

        record.Canonical().ShouldBe(AuditSamples.XiJinpingCanonical);
        record.Sequence.ShouldBe(1);
        record.StreamId.ShouldBe("xi-jinping");
        record.Version.ShouldBe(1);
        record.Type.ShouldBe("official_registered");
        record.RecordedAt.ShouldBe(AuditSamples.XiJinping.RecordedAt);
        record.RecordedAt.Offset.ShouldBe(TimeSpan.Zero);
        record.RecordedBy.ShouldBe("seed");
        record.CorrelationId.ShouldBe("0190f3a1c2d94b7e8a6f5e4d3c2b1a09");
        record.Data!["nameNative"]!.GetValue<string>().ShouldBe("习近平");
        previous.ShouldBe(AuditChain.Genesis);
        hash.ShouldBe(AuditSamples.XiJinpingHash);
    }

    [Fact]
    public void Every_formatted_line_parses_back_to_the_same_canonical_record_and_hashes()
    {
        Gen.Select(Gen.Long[1, 9_007_199_254_740_991], JsonGen.Object, Gen.Bool).Sample(
            (sequence, data, nulls) =>
            {
                var record = AuditSamples.Synthetic(sequence % 1_000_000) with
                {
                    Sequence = sequence,
                    Data = data.ToNode(),
                    RecordedBy = nulls ? null : "seed",
                    CorrelationId = nulls ? null : "c",
                };
                var hash = AuditChain.Link(AuditChain.Genesis, record);

                var (parsed, previous, parsedHash) = AuditLine.Parse(AuditLine.Format(record, AuditChain.Genesis, hash));

                parsed.Canonical().ShouldBe(record.Canonical());
                previous.ShouldBe(AuditChain.Genesis);
                parsedHash.ShouldBe(hash);
                AuditChain.Link(previous, parsed).ShouldBe(hash);
            },
            iter: 1_000);
    }

    [Fact]
    public void A_line_with_other_member_order_and_whitespace_reads_as_the_same_record()
    {
        var node = JsonNode.Parse(XiLine)!.AsObject();
        var reordered = new JsonObject(node.Reverse().Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone())));
        var spaced = reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }).Replace("\n", " ", StringComparison.Ordinal);

        var (record, _, hash) = AuditLine.Parse(spaced);

        AuditChain.Link(AuditChain.Genesis, record).ShouldBe(hash);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"sequence\":1", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object but array")]
    [InlineData("null", "not a JSON object but null")]
    [InlineData("{} {}", "not valid JSON")]
    public void A_line_that_is_not_one_json_object_is_refused(string line, string problem)
    {
        Should.Throw<FormatException>(() => AuditLine.Parse(line)).Message.ShouldContain(problem);
    }

    [Theory]
    [InlineData("\"hash\":\"2b3f5e2de971eeae9351c0a5a407bf0dff9ab9f008c6babfd242b06edb023b52\",", "", "no \"hash\" member")]
    [InlineData("\"recordedBy\":\"seed\",", "", "no \"recordedBy\" member")]
    [InlineData("\"data\":", "\"extra\":1,\"data\":", "unexpected member \"extra\"")]
    [InlineData("\"version\":1}", "\"version\":1,\"version\":2}", "Duplicate property 'version'")]
    [InlineData("\"sequence\":1,", "\"sequence\":\"1\",", "\"sequence\" must be an integer")]
    [InlineData("\"sequence\":1,", "\"sequence\":1.5,", "\"sequence\" must be an integer")]
    [InlineData("\"sequence\":1,", "\"sequence\":1e0,", "\"sequence\" must be an integer")]
    [InlineData("\"sequence\":1,", "\"sequence\":9007199254740992,", "at most 2^53 - 1")]
    [InlineData("\"version\":1}", "\"version\":null}", "\"version\" must be an integer")]
    [InlineData("\"streamId\":\"xi-jinping\",", "\"streamId\":null,", "\"streamId\" must be a string, not null")]
    [InlineData("\"type\":\"official_registered\",", "\"type\":7,", "\"type\" must be a string or null, not 7")]
    [InlineData("\"recordedBy\":\"seed\",", "\"recordedBy\":[\"seed\"],", "\"recordedBy\" must be a string or null")]
    [InlineData(".123456Z", ".123Z", "six fraction digits")]
    [InlineData(".123456Z", ".123456+00:00", "six fraction digits")]
    [InlineData("2024-05-16T", "2024-05-16 ", "six fraction digits")]
    [InlineData("\"hash\":\"2b3f", "\"hash\":\"2B3F", "\"hash\" must be 64 lower-case hex digits")]
    [InlineData("\"previousHash\":\"00", "\"previousHash\":\"0", "\"previousHash\" must be 64 lower-case hex digits")]
    [InlineData("\"country\":\"CN\"", "\"country\":1e400", "no RFC 8785 form")]
    [InlineData("\"country\":\"CN\"", "\"country\":\"\\ud800\"", "no RFC 8785 form")]
    public void A_line_with_a_missing_extra_or_ill_typed_member_is_refused_with_a_message_naming_it(string replace, string with, string problem)
    {
        XiLine.ShouldContain(replace);
        var line = XiLine.Replace(replace, with, StringComparison.Ordinal);

        Should.Throw<FormatException>(() => AuditLine.Parse(line)).Message.ShouldContain(problem);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "ABCDEF0000000000000000000000000000000000000000000000000000000000", "hash")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000", "previousHash")]
    public void Formatting_with_a_malformed_hash_is_refused(string previous, string hash, string parameter)
    {
        Should.Throw<ArgumentException>(() => AuditLine.Format(AuditSamples.XiJinping, previous, hash)).ParamName.ShouldBe(parameter);
    }
}
