using System.Text;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

public sealed class CanonicalJsonTests
{
    private static string Canon(string json) => CanonicalJson.Serialize(JsonNode.Parse(json));

    [Fact]
    public void The_rfc_8785_example_of_section_3_2_2_comes_out_as_the_rfc_prints_it()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        Canon(input).ShouldBe("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""");
    }

    [Fact]
    public void Members_are_sorted_by_utf16_code_units_as_in_the_rfc_8785_sorting_example()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var canonical = Canon(input);

        // The emoji (surrogates D83D DE00) sorts before U+FB33 although its code point U+1F600 is larger.
        canonical.ShouldBe(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
        JsonNode.Parse(canonical)!.AsObject().Select(m => m.Key)
            .ShouldBe(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
    }

    [Fact]
    public void A_name_sorts_before_every_longer_name_that_begins_with_it()
    {
        Canon("""{"\u00800":2,"\u0080":1,"":0,"a":{"bb":1,"b":0}}""")
            .ShouldBe("{\"\":0,\"a\":{\"b\":0,\"bb\":1},\"\u0080\":1,\"\u00800\":2}");
    }

    [Fact]
    public void Insignificant_whitespace_is_dropped_and_array_order_is_kept()
    {
        Canon(" {\n\t\"b\" : [ 3 , 1 ,\r\n 2 ] ,\"a\":\t\"x y\" } ").ShouldBe("""{"a":"x y","b":[3,1,2]}""");
    }

    [Fact]
    public void Literals_empty_containers_and_a_missing_node_have_their_plain_forms()
    {
        CanonicalJson.Serialize(null).ShouldBe("null");
        Canon("null").ShouldBe("null");
        Canon("[true,false,null,{},[]]").ShouldBe("[true,false,null,{},[]]");
        Canon("{ }").ShouldBe("{}");
    }

    [Fact]
    public void Every_control_character_is_escaped_with_the_short_form_where_json_has_one_and_lower_case_hex_otherwise()
    {
        var shortForms = new Dictionary<char, string> { ['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f", ['\r'] = "\\r" };
        const string hex = "0123456789abcdef";
        for (var c = '\0'; c < ' '; c++)
        {
            var expected = shortForms.TryGetValue(c, out var form) ? form : "\\u00" + hex[c >> 4] + hex[c & 0xF];

            CanonicalJson.Serialize(JsonValue.Create(c.ToString())).ShouldBe('"' + expected + '"', $"U+{(int)c:X4}");
        }
    }

    [Fact]
    public void Quote_and_backslash_are_escaped_and_nothing_else_is()
    {
        const string literal = "/ ~ \u007f \u0080 \u00e9 \u2028 \u2029 \ufeff \uffff 中俄 Россия \ud83d\ude00 <>&'";

        CanonicalJson.Serialize(JsonValue.Create("\"\\" + literal)).ShouldBe("\"\\\"\\\\" + literal + "\"");
        Canon("\"\\u002F\\u00e9\\u2028\\ud83d\\ude00\"").ShouldBe("\"/\u00e9\u2028\ud83d\ude00\"");
    }

    [Fact]
    public void Member_names_are_escaped_like_strings()
    {
        Canon("""{"a\nb":1,"q\"":2,"\u001f":3}""").ShouldBe("{\"\\u001f\":3,\"a\\nb\":1,\"q\\\"\":2}");
    }

    [Fact]
    public void The_utf8_form_is_the_canonical_text_encoded_without_a_byte_order_mark()
    {
        var bytes = CanonicalJson.SerializeToUtf8(JsonNode.Parse("""{"€":"\ud83d\ude00"}"""));

        bytes.ShouldBe([0x7B, 0x22, 0xE2, 0x82, 0xAC, 0x22, 0x3A, 0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22, 0x7D]);
        Encoding.UTF8.GetString(bytes).ShouldBe("{\"€\":\"\ud83d\ude00\"}");
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"a\\udc00b\"")]
    [InlineData("\"\\ude00\\ud83d\"")]
    [InlineData("{\"\\ud800\":1}")]
    public void A_string_with_an_unpaired_surrogate_is_rejected(string json)
    {
        Should.Throw<ArgumentException>(() => Canon(json)).Message.ShouldContain("surrogate");
    }

    [Fact]
    public void An_unpaired_surrogate_built_in_code_is_rejected_not_replaced()
    {
        var node = new JsonObject { ["events"] = new JsonArray(JsonValue.Create("ok"), JsonValue.Create("bad\ud800")) };

        var error = Should.Throw<ArgumentException>(() => CanonicalJson.Serialize(node));
        error.Message.ShouldContain("U+D800");
        error.Message.ShouldContain("$.events[1]");
    }

    [Fact]
    public void A_repeated_member_name_is_rejected()
    {
        Should.Throw<ArgumentException>(() => Canon("""{"a":1,"b":{"c":1,"c":2}}""")).Message.ShouldContain("repeats a member name");
    }

    [Fact]
    public void Values_held_as_clr_types_are_written_as_the_json_they_stand_for()
    {
        var node = new JsonObject
        {
            ["int"] = 42,
            ["long"] = 9_007_199_254_740_993L,
            ["decimal"] = 1.50m,
            ["float"] = 0.1f,
            ["bool"] = true,
            ["guid"] = Guid.Parse("8c5a7e41-0b1e-4f4a-9f0e-2d6b5f3c1a77"),
            ["date"] = new DateTime(2024, 5, 16, 9, 30, 0, DateTimeKind.Utc),
            ["char"] = 'x',
            ["none"] = null,
        };

        CanonicalJson.Serialize(node).ShouldBe(
            """{"bool":true,"char":"x","date":"2024-05-16T09:30:00Z","decimal":1.5,"float":0.1,"guid":"8c5a7e41-0b1e-4f4a-9f0e-2d6b5f3c1a77","int":42,"long":9007199254740992,"none":null}""");
    }

    [Fact]
    public void A_clr_object_or_collection_wrapped_in_a_value_is_written_as_the_json_it_stands_for()
    {
        var node = new JsonArray(
            JsonValue.Create(new Dictionary<string, object?> { ["b"] = 1.0, ["a"] = new[] { "x", "y" }, ["\u20ac"] = null }),
            JsonValue.Create(new[] { 3, 1, 2 }));

        CanonicalJson.Serialize(node).ShouldBe("""[{"a":["x","y"],"b":1,"€":null},[3,1,2]]""");
    }

    [Fact]
    public void The_input_node_is_left_unchanged()
    {
        var node = JsonNode.Parse("""{"b":1,"a":[2.50,{"d":1,"c":2}]}""")!;
        var before = node.ToJsonString();

        _ = CanonicalJson.Serialize(node);

        node.ToJsonString().ShouldBe(before);
    }
}
