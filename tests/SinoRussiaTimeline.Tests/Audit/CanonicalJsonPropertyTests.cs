using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

public sealed class CanonicalJsonPropertyTests
{
    private const long Iterations = 2_000;

    [Fact]
    public void Serialising_is_idempotent()
    {
        JsonGen.Tree.Sample(
            tree =>
            {
                var canonical = CanonicalJson.Serialize(tree.ToNode());
                CanonicalJson.Serialize(JsonNode.Parse(canonical)).ShouldBe(canonical);
            },
            iter: Iterations);
    }

    [Fact]
    public void The_order_of_the_members_in_the_input_never_matters()
    {
        Gen.Select(JsonGen.Object, Gen.Int).Sample(
            (tree, seed) =>
            {
                var shuffled = JsonNode.Parse(tree.ToText(new Random(seed)));
                CanonicalJson.Serialize(shuffled).ShouldBe(CanonicalJson.Serialize(tree.ToNode()));
            },
            iter: Iterations);
    }

    [Fact]
    public void Whitespace_escapes_and_number_spelling_in_the_input_never_matter()
    {
        Gen.Select(JsonGen.Tree, Gen.Int, Gen.Int).Sample(
            (tree, seed1, seed2) =>
            {
                var one = tree.ToText(new Random(seed1));
                var other = tree.ToText(new Random(seed2));
                CanonicalJson.Serialize(JsonNode.Parse(one)).ShouldBe(CanonicalJson.Serialize(JsonNode.Parse(other)), $"{one}\n{other}");
            },
            iter: Iterations);
    }

    [Fact]
    public void The_canonical_text_has_no_whitespace_outside_strings_and_sorted_members_at_every_level()
    {
        JsonGen.Tree.Sample(
            tree =>
            {
                var canonical = CanonicalJson.Serialize(tree.ToNode());
                Unquoted(canonical).ShouldNotContain(' ');
                Unquoted(canonical).ShouldNotContain('\n');
                AssertSorted(JsonNode.Parse(canonical));
            },
            iter: Iterations);
    }

    [Fact]
    public void The_canonical_text_reads_back_as_the_same_value()
    {
        JsonGen.Tree.Sample(
            tree => JsonNode.DeepEquals(JsonNode.Parse(CanonicalJson.Serialize(tree.ToNode())), Normalised(tree)).ShouldBeTrue(),
            iter: Iterations);
    }

    [Fact]
    public void The_utf8_form_is_always_the_utf8_encoding_of_the_text()
    {
        JsonGen.Tree.Sample(
            tree =>
            {
                var node = tree.ToNode();
                CanonicalJson.SerializeToUtf8(node).ShouldBe(new UTF8Encoding(false, true).GetBytes(CanonicalJson.Serialize(node)));
            },
            iter: Iterations);
    }

    /// <summary>The tree as a JsonNode whose numbers are spelt canonically, so DeepEquals compares values.</summary>
    private static JsonNode? Normalised(JsonTree tree) => tree switch
    {
        JsonNumber n => JsonNode.Parse(CanonicalJson.FormatNumber(n.Value)),
        JsonList l => new JsonArray([.. l.Items.Select(Normalised)]),
        JsonMembers m => new JsonObject(m.Members.Select(x => KeyValuePair.Create(x.Name, Normalised(x.Value)))),
        _ => tree.ToNode(),
    };

    private static void AssertSorted(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var names = obj.Select(m => m.Key).ToList();
                names.ShouldBe([.. names.Order(StringComparer.Ordinal)]);
                foreach (var (_, value) in obj)
                {
                    AssertSorted(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    AssertSorted(item);
                }

                break;
        }
    }

    /// <summary>The text with every string literal's content removed.</summary>
    private static string Unquoted(string json)
    {
        var text = new StringBuilder();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (inString && json[i] == '\\')
            {
                i++;
            }
            else if (json[i] == '"')
            {
                inString = !inString;
                text.Append('"');
            }
            else if (!inString)
            {
                text.Append(json[i]);
            }
        }

        return text.ToString();
    }
}
