using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Marten.Services;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Timeline;

namespace SinoRussiaTimeline.Entries;

/// <summary>
/// The JSON of entries, with its metadata generated at compile time for the types a timeline page reads and writes. The
/// contexts only describe the types (metadata mode): names, enums and null handling still come from the options they are
/// chained into (the HTTP answers' below, Marten's for stored documents), so the bytes are those of the reflection-based
/// serializer, only cheaper to produce: about 40% less time writing a page and a third of the time reading an entry
/// document, measured on this machine (docs/performance.md, "The page's own cost").
/// </summary>
public static class EntryJson
{
    /// <summary>The HTTP answers' JSON options: camelCase enums, and no silently dropped request fields.</summary>
    public static void ConfigureHttp(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new StorableTextConverter());
        // A misspelt field is an error, not silently dropped data.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // First in the chain; every type the context does not describe falls through to reflection as before.
        options.TypeInfoResolverChain.Insert(0, EntryResponseJsonContext.Default);
    }

    /// <summary>Marten reads and writes entries and their revisions through the generated metadata, everything else as before.</summary>
    public static void UseForStoredEntries(StoreOptions options) =>
        ((SystemTextJsonSerializer)options.Serializer()).UseTypeInfoResolver(StoredEntryJsonContext.Default);
}

// The fast-path serializer the generator can also emit is left out: System.Text.Json uses it only with options that have
// no converters of their own, and the contract's camelCase enums need one.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TimelinePage))]
[JsonSerializable(typeof(EntryResponse))]
public sealed partial class EntryResponseJsonContext : JsonSerializerContext;

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TimelineEntry))]
[JsonSerializable(typeof(EntryRevision))]
public sealed partial class StoredEntryJsonContext : JsonSerializerContext;
