using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Benchmarks;

/// <summary>
/// The audit chain's cost per event: the canonical form of a stored event (RFC 8785) and the SHA-256 link over it. The
/// daemon pays this once per event, and the verification and the export pay it again.
/// </summary>
[MemoryDiagnoser]
public class CanonicalJsonBenchmarks
{
    private AuditRecord _visit = null!;
    private JsonNode _body = null!;
    private const string Previous = "0000000000000000000000000000000000000000000000000000000000000000";

    [GlobalSetup]
    public void Setup()
    {
        // A visit event as the store keeps it: ids, a date, a title, two officials, a source with a quote.
        _body = JsonNode.Parse("""
            {"entryId":"6e2f6194-64aa-57f4-a046-3c90ac25a919","officialIds":["wei-fenghe"],"hostCountry":"RU","city":"Moscow",
             "hostOfficialIds":["sergei-shoigu"],"date":"2018-04","title":"Wei Fenghe visits Moscow on his first official foreign trip as Minister of National Defense",
             "description":null,"visitType":"official","tripId":null,"tags":["defence"],"quantity":1.5e3,
             "sources":[{"title":"Moscow Meetings Highlight Deepening Sino-Russian Defense Ties","publisher":"China-US Focus","publishedOn":"2018-06-08",
             "url":"http://www.chinausfocus.com/foreign-policy/moscow-meetings-highlight-deepening-sino-russian-defense-ties","language":"en",
             "quote":"Wei Fenghe, China’s recently appointed State Councilor and Minister of National Defense, chose Moscow for his first official foreign trip in April."}]}
            """)!;
        _visit = new AuditRecord(42, "6e2f6194-64aa-57f4-a046-3c90ac25a919", 1, "visit_recorded",
            new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560), "seed", "corr-1", _body);
    }

    [Benchmark(Description = "CanonicalJson.Serialize (event body)")]
    public string Canonical() => CanonicalJson.Serialize(_body);

    [Benchmark(Description = "Canonical + SHA-256 (body only)")]
    public byte[] CanonicalAndHash() => SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Serialize(_body)));

    [Benchmark(Description = "AuditChain.Link (record, canonical form and hash)")]
    public string Link() => AuditChain.Link(Previous, _visit);
}
