using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Marten;
using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Officials;
using SinoRussiaTimeline.Timeline;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Tests.Timeline;

/// <summary>
/// The compile-time JSON metadata (Entries/EntryJson.cs) must change nothing a client or the store sees: the same bytes as
/// the reflection-based serializer, for an entry of each kind with every optional field set.
/// </summary>
public sealed class EntryJsonTests
{
    // The service's HTTP options (ASP.NET starts from the web defaults), and the same without the generated metadata.
    private static readonly JsonSerializerOptions HttpOptions = Configured(new JsonSerializerOptions(JsonSerializerDefaults.Web));
    private static readonly JsonSerializerOptions ReflectionHttpOptions = new(HttpOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static JsonSerializerOptions Configured(JsonSerializerOptions options)
    {
        EntryJson.ConfigureHttp(options);
        return options;
    }

    public static TheoryData<EntryKind> Kinds => [EntryKind.Visit, EntryKind.ArmsDelivery, EntryKind.JointStatement];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_timeline_page_is_written_as_the_reflection_based_serializer_writes_it(EntryKind kind)
    {
        var page = new TimelinePage([EntryPresenter.Present(FullEntry<TimelineEntry>(kind), Officials)], "djE6NzM1MDAwOjczNTAzMDoxNw");

        var written = JsonSerializer.Serialize(page, HttpOptions);

        HttpOptions.GetTypeInfo(typeof(EntryResponse)).OriginatingResolver.ShouldBe(EntryResponseJsonContext.Default);
        written.ShouldBe(JsonSerializer.Serialize(page, ReflectionHttpOptions));
        using var read = JsonDocument.Parse(written);
        var item = read.RootElement.GetProperty("items")[0];
        item.GetProperty("kind").GetString().ShouldBe(JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()));
        item.GetProperty("officials")[0].GetProperty("nameZh").GetString().ShouldBe("习近平");
        item.GetProperty("officials")[1].GetProperty("name").GetString().ShouldBe("unknown-official");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_stored_entry_and_its_revision_are_written_and_read_as_before(EntryKind kind)
    {
        var generated = StoreSerializer(withGeneratedMetadata: true);
        var reflection = StoreSerializer(withGeneratedMetadata: false);
        var entry = FullEntry<TimelineEntry>(kind);
        var revision = FullEntry<EntryRevision>(kind);
        revision.RevisionId = EntryRevision.IdFor(revision.Id, 3);
        revision.RecordedUntil = new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

        generated.ToJson(entry).ShouldBe(reflection.ToJson(entry));
        generated.ToJson(revision).ShouldBe(reflection.ToJson(revision));
        // Read back through the generated metadata, the documents hold every field they were written with.
        reflection.ToJson(generated.FromJson<TimelineEntry>(Utf8(reflection.ToJson(entry)))).ShouldBe(reflection.ToJson(entry));
        reflection.ToJson(generated.FromJson<EntryRevision>(Utf8(reflection.ToJson(revision)))).ShouldBe(reflection.ToJson(revision));
    }

    private static Marten.ISerializer StoreSerializer(bool withGeneratedMetadata)
    {
        // As Infrastructure/MartenSetup.cs configures the store; no database is needed to serialize.
        var options = new StoreOptions();
        options.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);
        if (withGeneratedMetadata) EntryJson.UseForStoredEntries(options);
        return options.Serializer();
    }

    private static MemoryStream Utf8(string json) => new(Encoding.UTF8.GetBytes(json));

    private static readonly Dictionary<string, NamedOfficial> Officials = new()
    {
        ["xi-jinping"] = NamedOfficial.Of(new Official { Id = "xi-jinping", Names = new OfficialNames("Xi Jinping", "习近平", "Си Цзиньпин"), Country = "CN" }),
    };

    // Every optional field set; "unknown-official" is named on the entry but has no record, so it is named by its id.
    private static T FullEntry<T>(EntryKind kind) where T : TimelineEntry, new()
    {
        var date = kind switch { EntryKind.Visit => "2018-04~", EntryKind.ArmsDelivery => "2015-11-19/2016-02", _ => "2019-06-05?" };
        var entry = TimelineEntry.New<T>("5d0f3b7e-8c1a-4c55-9a7e-3f2b1d0c9e8a", kind, date, "Xi Jinping in Moscow \"quoted\" — Си Цзиньпин");
        entry.Description = "A line with <markup> & an emoji 🙂";
        entry.Countries = ["CN", "RU"];
        entry.Officials = [new EntryOfficial("xi-jinping", OfficialRole.Visitor), new EntryOfficial("unknown-official", OfficialRole.Host)];
        entry.OfficialIds = ["xi-jinping", "unknown-official"];
        entry.Place = new Place("RU", "Moscow");
        entry.Tags = ["summit", "energy"];
        entry.Sources = [new Source("Talks in Moscow", "Xinhua", "2018-04-04", "https://example.org/a?b=c&d=e", "zh", "双方会谈。")];
        entry.Status = EntryStatus.Corrected;
        entry.StreamVersion = 3;
        entry.Sequence = 1_234_567;
        entry.RecordedAt = new DateTimeOffset(2026, 11, 28, 17, 5, 6, 789, TimeSpan.Zero);
        entry.LastRecordedAt = new DateTimeOffset(2026, 11, 28, 17, 45, 0, TimeSpan.FromHours(3));
        entry.SearchText = "xi jinping in moscow";
        switch (kind)
        {
            case EntryKind.Visit: entry.Visit = new VisitDetails("CN", "RU", VisitType.State, "trip-2018-04"); break;
            case EntryKind.ArmsDelivery: entry.ArmsDelivery = new ArmsDeliveryDetails("RU", "CN", "Su-35", ArmsCategory.AirDefence, 24, true, new ArmsContract("2015 Su-35 contract", "2015-11")); break;
            default: entry.JointStatement = new JointStatementDetails("On a comprehensive strategic partnership."); break;
        }
        return entry;
    }
}
