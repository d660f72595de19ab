using System.Text.Json.Nodes;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

/// <summary>Known records and exports for the audit tests.</summary>
internal static class AuditSamples
{
    /// <summary>The worked example of docs/audit-canonical-form.md: the first event of a log.</summary>
    public static AuditRecord XiJinping => new(
        1,
        "xi-jinping",
        1,
        "official_registered",
        new DateTimeOffset(2024, 5, 16, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_560),
        "seed",
        "0190f3a1c2d94b7e8a6f5e4d3c2b1a09",
        JsonNode.Parse("""{"id":"xi-jinping","name":"Xi Jinping","nameNative":"习近平","country":"CN"}"""));

    /// <summary>The second event: recorded in Moscow time, with no recorder or correlation id.</summary>
    public static AuditRecord VladimirPutin => new(
        2,
        "vladimir-putin",
        1,
        "official_registered",
        new DateTimeOffset(2024, 5, 16, 12, 30, 0, TimeSpan.FromHours(3)).AddTicks(6_543_210),
        null,
        null,
        JsonNode.Parse("""{"id":"vladimir-putin","name":"Vladimir Putin","nameNative":"Владимир Путин","country":"RU"}"""));

    // Computed once with Python 3.11, independently of the C# code (see docs/audit-canonical-form.md, "Worked example"):
    //   canonical = json.dumps(record, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
    //   hash = hashlib.sha256((previous + '\n' + canonical).encode('utf-8')).hexdigest()
    // which equals RFC 8785 here: integers only, and no member names outside the Basic Multilingual Plane.
    public const string XiJinpingCanonical =
        """{"correlationId":"0190f3a1c2d94b7e8a6f5e4d3c2b1a09","data":{"country":"CN","id":"xi-jinping","name":"Xi Jinping","nameNative":"习近平"},"recordedAt":"2024-05-16T09:30:00.123456Z","recordedBy":"seed","sequence":1,"streamId":"xi-jinping","type":"official_registered","version":1}""";

    public const string XiJinpingHash = "2b3f5e2de971eeae9351c0a5a407bf0dff9ab9f008c6babfd242b06edb023b52";

    public const string VladimirPutinCanonical =
        """{"correlationId":null,"data":{"country":"RU","id":"vladimir-putin","name":"Vladimir Putin","nameNative":"Владимир Путин"},"recordedAt":"2024-05-16T09:30:00.654321Z","recordedBy":null,"sequence":2,"streamId":"vladimir-putin","type":"official_registered","version":1}""";

    public const string VladimirPutinHash = "2c7361b1f9e3b08b4c9033a1a2ed39d4a96cc05110e518ef50303f9563c13677";

    /// <summary>
    /// The events of sample-export.ndjson: the two above, then bodies that exercise every RFC 8785 rule (number forms,
    /// escapes, U+2028, member names whose UTF-16 order differs from their code point order), a gap in the sequence,
    /// a null body, and Chinese and Russian text.
    /// </summary>
    public static IEnumerable<AuditRecord> SampleRecords()
    {
        yield return XiJinping;
        yield return VladimirPutin;
        yield return new AuditRecord(
            3,
            "0190f3a1-c2d9-7b7e-8a6f-5e4d3c2b1a09",
            1,
            "visit_recorded",
            new DateTimeOffset(2024, 5, 16, 9, 31, 2, TimeSpan.Zero).AddTicks(5),
            "editor-1",
            "0190f3a2d0c14e7fb1a2c3d4e5f60718",
            JsonNode.Parse("""
                {
                  "title": "State visit of Xi Jinping to Russia",
                  "date": "2019-06-05/2019-06-07",
                  "visitors": ["xi-jinping"],
                  "host": "RU",
                  "place": { "name": "Москва", "lat": 55.7558, "lon": 37.6173 },
                  "agreementsSigned": 30,
                  "sources": [{ "url": "http://www.kremlin.ru/events/president/news/60672", "title": "Переговоры с Председателем КНР Си Цзиньпином" }]
                }
                """));
        yield return new AuditRecord(
            5,
            "0190f3a1-c2d9-7b7e-8a6f-5e4d3c2b1a10",
            1,
            "arms_delivery_recorded",
            new DateTimeOffset(2024, 5, 16, 9, 40, 0, TimeSpan.Zero).AddTicks(9_999_990),
            "editor-2",
            "req-5",
            JsonNode.Parse("""
                {
                  "system": "Su-35",
                  "quantity": 24,
                  "valueUsd": 2.5E9,
                  "unitShare": 0.041666666666666664,
                  "tolerance": 0.000001,
                  "epsilon": 1e-7,
                  "huge": 1e21,
                  "sum": 0.30000000000000004,
                  "minusZero": -0.0,
                  "exponent": 12.5e-1,
                  "notes": "Quote \" backslash \\ slash \/ tab \t newline \n bell \u0007 unit separator \u001f delete \u007f line separator \u2028 end"
                }
                """));
        yield return new AuditRecord(
            6,
            "0190f3a1-c2d9-7b7e-8a6f-5e4d3c2b1a10",
            2,
            "entry_annotated",
            new DateTimeOffset(2024, 5, 16, 9, 41, 0, TimeSpan.Zero),
            "editor-2",
            null,
            JsonNode.Parse("""
                {
                  "\u20ac": "Euro Sign",
                  "\r": "Carriage Return",
                  "\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\ud83d\ude00": "Emoji: Grinning Face",
                  "\u0080": "Control",
                  "\u00f6": "Latin Small Letter O With Diaeresis",
                  "nested": { "b": [true, false, null, [], {}], "a": -1.5 }
                }
                """));
        yield return new AuditRecord(
            7, "vladimir-putin", 2, "official_retired", new DateTimeOffset(2024, 5, 16, 9, 50, 0, TimeSpan.Zero), null, null, null);
        yield return new AuditRecord(
            8,
            "0190f3a1-c2d9-7b7e-8a6f-5e4d3c2b1a11",
            1,
            "joint_statement_recorded",
            new DateTimeOffset(2024, 5, 16, 18, 15, 30, TimeSpan.FromHours(8)).AddTicks(1_234_567),
            "editor-1",
            "0190f3a2d0c14e7fb1a2c3d4e5f60719",
            JsonNode.Parse("""
                {
                  "title": "中华人民共和国和俄罗斯联邦在两国建交75周年之际关于深化新时代全面战略协作伙伴关系的联合声明",
                  "titleRu": "Совместное заявление Российской Федерации и Китайской Народной Республики об углублении отношений всеобъемлющего партнёрства",
                  "signatories": ["xi-jinping", "vladimir-putin"],
                  "date": "2024-05-16"
                }
                """));
    }

    /// <summary>A varied record for position <paramref name="sequence"/> of a synthetic log.</summary>
    public static AuditRecord Synthetic(long sequence) => new(
        sequence,
        sequence % 3 == 0 ? "xi-jinping" : $"0190f3a1-c2d9-7b7e-8a6f-{sequence:D12}",
        1 + (sequence / 3),
        (sequence % 4) switch { 0 => "visit_recorded", 1 => "joint_statement_recorded", 2 => "arms_delivery_recorded", _ => "office_recorded" },
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(sequence * 37).AddTicks(sequence * 10 % 10_000_000),
        sequence % 5 == 0 ? null : "seed",
        sequence % 7 == 0 ? null : $"corr-{sequence}",
        new JsonObject
        {
            ["title"] = $"Event {sequence}: Визит — 访问",
            ["date"] = $"2019-06-{1 + (sequence % 28):D2}",
            ["count"] = sequence * 1.5,
            ["tags"] = new JsonArray("visit", sequence % 2 == 0 ? "state" : "working"),
            ["note"] = sequence % 11 == 0 ? "line\nbreak \"quoted\" \u2028" : null,
        });

    /// <summary>The export of a chain of <paramref name="records"/> linked from <paramref name="start"/>, one line each.</summary>
    public static List<string> Export(IEnumerable<AuditRecord> records, string start = AuditChain.Genesis)
    {
        var lines = new List<string>();
        var previous = start;
        foreach (var record in records)
        {
            var hash = AuditChain.Link(previous, record);
            lines.Add(AuditLine.Format(record, previous, hash));
            previous = hash;
        }

        return lines;
    }

    public static string HashOf(string line) => AuditLine.Parse(line).Hash;
}
