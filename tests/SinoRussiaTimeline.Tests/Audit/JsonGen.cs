using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace SinoRussiaTimeline.Tests.Audit;

/// <summary>
/// An immutable JSON tree for property tests; it becomes a fresh <see cref="JsonNode"/> each time, or JSON text with any
/// member order, whitespace and number spelling a writer might choose.
/// </summary>
internal abstract record JsonTree
{
    public abstract JsonNode? ToNode();

    /// <summary>JSON text of the same value, laid out as <paramref name="random"/> picks: members shuffled, whitespace anywhere, numbers spelt freely.</summary>
    public string ToText(Random random)
    {
        var text = new StringBuilder();
        Write(text, random);
        return text.ToString();
    }

    protected abstract void Write(StringBuilder text, Random random);

    protected static void Space(StringBuilder text, Random random)
    {
        const string blanks = " \t\n\r";
        var count = random.Next(4) == 0 ? random.Next(1, 4) : 0;
        for (var i = 0; i < count; i++)
        {
            text.Append(blanks[random.Next(blanks.Length)]);
        }
    }

    /// <summary>A JSON string literal escaping a random choice of characters in any of the ways JSON allows.</summary>
    protected static void Quote(StringBuilder text, string value, Random random)
    {
        text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            if (!rune.IsBmp)
            {
                if (random.Next(5) == 0)
                {
                    // Both halves of the surrogate pair as escapes.
                    var pair = rune.ToString();
                    text.Append(EscapeHex(pair[0], random)).Append(EscapeHex(pair[1], random));
                }
                else
                {
                    text.Append(rune.ToString());
                }
            }
            else if ((char)rune.Value is var c && (c is '"' or '\\' or < ' ' || random.Next(5) == 0))
            {
                text.Append(c switch
                {
                    '"' when random.Next(2) == 0 => "\\\"",
                    '\\' when random.Next(2) == 0 => "\\\\",
                    '\n' when random.Next(2) == 0 => "\\n",
                    '/' when random.Next(2) == 0 => "\\/",
                    _ => EscapeHex(c, random),
                });
            }
            else
            {
                text.Append((char)rune.Value);
            }
        }

        text.Append('"');
    }

    private static string EscapeHex(char c, Random random) =>
        "\\u" + ((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture);
}

internal sealed record JsonLiteral(bool? Value) : JsonTree
{
    public override JsonNode? ToNode() => Value is { } b ? JsonValue.Create(b) : null;

    protected override void Write(StringBuilder text, Random random) => text.Append(Value switch { true => "true", false => "false", null => "null" });
}

internal sealed record JsonNumber(double Value) : JsonTree
{
    public override JsonNode? ToNode() => JsonValue.Create(Value);

    protected override void Write(StringBuilder text, Random random)
    {
        var spelling = random.Next(4) switch
        {
            0 => Value.ToString("R", CultureInfo.InvariantCulture),
            1 => Value.ToString("E16", CultureInfo.InvariantCulture),
            2 => Value.ToString("G17", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal),
            _ => Value.ToString("E20", CultureInfo.InvariantCulture).Replace("E+", "E", StringComparison.Ordinal),
        };
        text.Append(spelling);
    }
}

internal sealed record JsonText(string Value) : JsonTree
{
    public override JsonNode? ToNode() => JsonValue.Create(Value);

    protected override void Write(StringBuilder text, Random random) => Quote(text, Value, random);
}

internal sealed record JsonList(JsonTree[] Items) : JsonTree
{
    public override JsonNode? ToNode() => new JsonArray([.. Items.Select(i => i.ToNode())]);

    protected override void Write(StringBuilder text, Random random)
    {
        text.Append('[');
        for (var i = 0; i < Items.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Space(text, random);
            text.Append(Items[i].ToText(random));
            Space(text, random);
        }

        text.Append(']');
    }
}

internal sealed record JsonMembers((string Name, JsonTree Value)[] Members) : JsonTree
{
    public override JsonNode? ToNode()
    {
        var obj = new JsonObject();
        foreach (var (name, value) in Members)
        {
            obj[name] = value.ToNode();
        }

        return obj;
    }

    protected override void Write(StringBuilder text, Random random)
    {
        text.Append('{');
        Space(text, random);
        var order = Members.ToArray();
        random.Shuffle(order);
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Space(text, random);
            Quote(text, order[i].Name, random);
            Space(text, random);
            text.Append(':');
            Space(text, random);
            text.Append(order[i].Value.ToText(random));
            Space(text, random);
        }

        text.Append('}');
    }
}

internal static class JsonGen
{
    /// <summary>Well-formed UTF-16 text: mostly ASCII, with controls, quotes, non-ASCII, line separators and astral characters.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
            (6, Gen.Int['a', 'z']),
            (2, Gen.Int[0, 0x1F]),
            (2, Gen.OneOf<int>('"', '\\', '/', 0x7F, 0x2028, 0x2029)),
            (2, Gen.Int[0x80, 0xD7FF]),
            (1, Gen.Int[0xE000, 0xFFFF]),
            (2, Gen.Int[0x10000, 0x10FFFF]))
        .Array[0, 8]
        .Select(codePoints => string.Concat(codePoints.Select(char.ConvertFromUtf32)));

    public static readonly Gen<double> Number = Gen.Frequency(
        (3, Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite)),
        (3, Gen.Select(Gen.Int[-100_000, 100_000], Gen.Int[0, 8]).Select((m, e) => m / Math.Pow(10, e))),
        (1, Gen.OneOf(0.0, -0.0, 1e21, 1e-7, 9007199254740993.0)));

    public static readonly Gen<JsonTree> Leaf = Gen.Frequency(
        (1, Gen.OneOf<bool?>(true, false, null).Select(b => (JsonTree)new JsonLiteral(b))),
        (2, Number.Select(d => (JsonTree)new JsonNumber(d))),
        (2, Text.Select(s => (JsonTree)new JsonText(s))));

    public static readonly Gen<JsonTree> Tree = Gen.Recursive<JsonTree>((depth, tree) => depth >= 4
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, tree.Array[0, 5].Select(items => (JsonTree)new JsonList(items))),
            (2, Gen.Select(Text, tree).Array[0, 6].Select(members => (JsonTree)new JsonMembers(
                [.. members.DistinctBy(m => m.Item1, StringComparer.Ordinal).Select(m => (m.Item1, m.Item2))])))));

    /// <summary>A tree with an object at the top, as event bodies are.</summary>
    public static readonly Gen<JsonTree> Object = Gen.Select(Text, Tree).Array[0, 6].Select(members => (JsonTree)new JsonMembers(
        [.. members.DistinctBy(m => m.Item1, StringComparer.Ordinal).Select(m => (m.Item1, m.Item2))]));
}
