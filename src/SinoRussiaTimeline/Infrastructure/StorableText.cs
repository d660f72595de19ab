using System.Text.Json;
using System.Text.Json.Serialization;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// Reads every JSON string of a request, refusing one that holds U+0000: PostgreSQL's jsonb cannot store that character,
/// so such a string would reach the store and fail there as a 500. Refused here, it is a 400 naming the field.
/// </summary>
public sealed class StorableTextConverter : JsonConverter<string>
{
    public const string Message = "Text must not contain the null character (U+0000).";

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // On a token that is not a string, GetString throws as the built-in converter does, so the error still says that a
        // string was expected.
        var text = reader.GetString()!;
        return text.Contains('\0', StringComparison.Ordinal) ? throw new JsonException(Message) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
