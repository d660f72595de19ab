using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SinoRussiaTimeline.Audit;

/// <summary>
/// The JSON Canonicalization Scheme of RFC 8785 (JCS) over <see cref="JsonNode"/> trees: object members sorted by the
/// UTF-16 code units of their names, no whitespace, minimal string escaping, and numbers written as ECMAScript writes
/// the IEEE-754 double they denote. Input that has no canonical form (NaN, infinities, numbers beyond the double range
/// such as <c>1e400</c>, strings with unpaired surrogates, duplicate member names) is rejected with an
/// <see cref="ArgumentException"/> naming the JSON path of the offending value.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of <paramref name="node"/>; a C# <c>null</c> is the JSON literal <c>null</c>.</summary>
    public static string Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/> (no byte order mark).</summary>
    public static byte[] SerializeToUtf8(JsonNode? node) => Encoding.UTF8.GetBytes(Serialize(node));

    /// <summary>
    /// ECMAScript's <c>Number.prototype.toString()</c> of a finite double (RFC 8785 §3.2.2.3, ECMA-262 Number::toString), e.g. <c>1e+21</c>,
    /// <c>1e-7</c>, <c>0.000001</c>, <c>123456789012345680000</c>; -0 is written <c>0</c>.
    /// </summary>
    internal static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and the infinities have no JSON form (RFC 8785 §3.2.2.3).");
        }

        if (value == 0)
        {
            return "0"; // both +0 and -0
        }

        var (digits, n) = ShortestDigits(Math.Abs(value)); // |value| = 0.digits × 10^n
        var k = digits.Length;
        var text = new StringBuilder(32);
        if (value < 0)
        {
            text.Append('-');
        }

        if (k <= n && n <= 21)
        {
            text.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            text.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            text.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            text.Append(digits[0]);
            if (k > 1)
            {
                text.Append('.').Append(digits, 1, k - 1);
            }

            text.Append('e').Append(n - 1 >= 0 ? '+' : '-').Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// The fewest significant digits that read back as <paramref name="abs"/> (closest to it when several do), and the
    /// position n of the decimal point such that abs = 0.digits × 10^n: the k and n of ECMAScript's Number::toString.
    /// </summary>
    /// <remarks>
    /// Not .NET's "R" format: for some exact powers of two (2^-25, 2^-958) it gives digits that read back as another
    /// double. Instead, for p = 1, 2, ... take the nearest p-digit decimal (the correctly rounded "E" format) and, when
    /// that does not read back, its two neighbours on the p-digit grid: if any p-digit decimal reads back, one of these
    /// three does (the gap around a power of two is narrower below it than above), and the nearest is tried first.
    /// </remarks>
    private static (string Digits, int PointPosition) ShortestDigits(double abs)
    {
        if (abs < 9_007_199_254_740_992d && Math.Floor(abs) == abs)
        {
            // Integers below 2^53: doubles are at most 1 apart there, so no other decimal reads back as this one.
            var whole = ((long)abs).ToString(CultureInfo.InvariantCulture);
            return (whole.TrimEnd('0'), whole.Length);
        }

        for (var p = 1; p <= 17; p++)
        {
            var rounded = abs.ToString("E" + (p - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture); // "d.dddE-008"
            var e = rounded.IndexOf('E', StringComparison.Ordinal);
            var mantissa = ulong.Parse(rounded.AsSpan(0, e).ToString().Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var exponent = int.Parse(rounded.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) - (p - 1);
            foreach (var candidate in (ReadOnlySpan<ulong>)[mantissa, mantissa + 1, mantissa - 1])
            {
                if (candidate > 0 && ReadsBackAs(candidate, exponent, abs))
                {
                    var text = candidate.ToString(CultureInfo.InvariantCulture);
                    var digits = text.TrimEnd('0');
                    return (digits, text.Length + exponent);
                }
            }
        }

        throw new InvalidOperationException($"No decimal of at most 17 digits reads back as {abs:R}; this cannot happen for an IEEE-754 double.");
    }

    private static bool ReadsBackAs(ulong mantissa, int exponent, double abs) =>
        double.Parse(
            string.Create(CultureInfo.InvariantCulture, $"{mantissa}E{exponent}"),
            NumberStyles.Float,
            CultureInfo.InvariantCulture) == abs;

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj);
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
            default:
                throw new ArgumentException($"Unknown kind of JSON node at {node.GetPath()}.", nameof(node));
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj)
    {
        List<KeyValuePair<string, JsonNode?>> members;
        try
        {
            members = [.. obj];
        }
        catch (ArgumentException e)
        {
            // A JsonObject read from text with a repeated name only fails when its members are first enumerated.
            throw new ArgumentException($"The object at {obj.GetPath()} repeats a member name (RFC 8785 requires I-JSON): {e.Message}", nameof(obj), e);
        }
        catch (InvalidOperationException e)
        {
            // A name read from text with an escaped unpaired surrogate cannot even be decoded.
            throw new ArgumentException($"A member name of the object at {obj.GetPath()} holds an unpaired surrogate: {e.Message}", nameof(obj), e);
        }

        // RFC 8785 §3.2.3: sort by the names' UTF-16 code units, which is exactly ordinal comparison of .NET strings.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        text.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            WriteString(text, members[i].Key, obj);
            text.Append(':');
            Write(text, members[i].Value);
        }

        text.Append('}');
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.String:
                WriteString(text, ReadString(value), value);
                break;
            case JsonValueKind.Number:
                text.Append(FormatNumber(ReadNumber(value)));
                break;
            default:
                // A CLR object or collection wrapped in a JsonValue (JsonValue.Create(poco)): canonicalise the JSON it stands for.
                Write(text, JsonNode.Parse(value.ToJsonString(), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }));
                break;
        }
    }

    private static string ReadString(JsonValue value)
    {
        try
        {
            if (value.TryGetValue<string>(out var plain))
            {
                return plain;
            }

            // Values built from CLR types (Guid, DateTime, char, enums...): the string they stand for in JSON.
            using var document = JsonDocument.Parse(value.ToJsonString());
            return document.RootElement.GetString() ?? "";
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"The string at {value.GetPath()} is not valid UTF-16: {e.Message}", nameof(value), e);
        }
    }

    private static double ReadNumber(JsonValue value)
    {
        // Every number, whatever CLR type holds it, is the IEEE-754 double nearest to its JSON text.
        string literal;
        try
        {
            literal = value.ToJsonString();
        }
        catch (ArgumentException e)
        {
            // NaN and the infinities held as CLR doubles or floats.
            throw new ArgumentException($"The number at {value.GetPath()} has no JSON form (RFC 8785 §3.2.2.3): {e.Message}", nameof(value), e);
        }

        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            throw new ArgumentException(
                $"The number {literal} at {value.GetPath()} is not representable as an IEEE-754 double (RFC 8785 §3.2.2.3).", nameof(value));
        }

        return parsed;
    }

    private static void WriteString(StringBuilder text, string value, JsonNode where)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ':
                    text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new ArgumentException(
                            $"A string at {where.GetPath()} holds the unpaired surrogate U+{(int)c:X4} at index {i}; it has no UTF-8 form (RFC 8785 requires I-JSON).",
                            nameof(value));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
