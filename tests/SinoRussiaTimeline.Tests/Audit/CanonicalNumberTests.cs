using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using SinoRussiaTimeline.Audit;

namespace SinoRussiaTimeline.Tests.Audit;

public sealed class CanonicalNumberTests
{
    private static double FromBits(string hex) => BitConverter.Int64BitsToDouble((long)ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static string Canon(string json) => CanonicalJson.Serialize(JsonNode.Parse(json));

    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void The_number_examples_of_rfc_8785_appendix_b_are_written_as_the_rfc_prints_them(string ieee754, string expected)
    {
        CanonicalJson.Serialize(JsonValue.Create(FromBits(ieee754))).ShouldBe(expected);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1E+21", "1e+21")]
    [InlineData("999999999999999999999", "1e+21")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000012345", "0.0000012345")]
    [InlineData("123456789012345680000", "123456789012345680000")]
    [InlineData("123456789012345678901", "123456789012345680000")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e+308", "1.7976931348623157e+308")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("1.0", "1")]
    [InlineData("-2.50", "-2.5")]
    [InlineData("100", "100")]
    [InlineData("1e2", "100")]
    [InlineData("12.5e-1", "1.25")]
    [InlineData("-1e-400", "0")]
    [InlineData("4.35", "4.35")]
    [InlineData("2e-3", "0.002")]
    public void Json_number_text_is_read_as_a_double_and_written_as_ecmascript_writes_it(string json, string expected)
    {
        Canon(json).ShouldBe(expected);
    }

    [Fact]
    public void The_sum_of_a_tenth_and_two_tenths_keeps_every_digit_that_tells_it_from_three_tenths()
    {
        CanonicalJson.Serialize(JsonValue.Create(0.1 + 0.2)).ShouldBe("0.30000000000000004");
        CanonicalJson.Serialize(JsonValue.Create(0.3)).ShouldBe("0.3");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("[1, {\"x\": 1.8e308}]")]
    public void A_number_beyond_the_double_range_is_rejected(string json)
    {
        Should.Throw<ArgumentException>(() => Canon(json)).Message.ShouldContain("not representable as an IEEE-754 double");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Nan_and_the_infinities_held_as_doubles_are_rejected(double value)
    {
        Should.Throw<ArgumentException>(() => CanonicalJson.Serialize(new JsonArray(JsonValue.Create(value))))
            .Message.ShouldContain("$[0] has no JSON form");
    }

    [Fact]
    public void Nan_held_as_a_float_is_rejected()
    {
        Should.Throw<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create(float.NaN)));
    }

    [Fact]
    public void Powers_of_two_whose_lower_neighbour_is_closer_get_the_digits_ecmascript_gives_not_those_of_dotnet_r_format()
    {
        // .NET's "R" writes 2^-25 as 2.980232238769531E-08, which reads back as a different double.
        CanonicalJson.FormatNumber(Math.ScaleB(1, -25)).ShouldBe("2.9802322387695312e-8");
        CanonicalJson.FormatNumber(Math.ScaleB(1, -958)).ShouldBe("4.1045368012983762e-289");
    }

    [Theory]
    [InlineData(-1017, "7.120236347223045e-307")]
    [InlineData(-957, "8.209073602596753e-289")]
    [InlineData(-791, "7.678447687145631e-239")]
    public void A_power_of_two_whose_nearest_shortest_decimal_falls_outside_its_narrower_lower_gap_gets_the_next_one_up(int exponent, string expected)
    {
        // The nearest 16-digit decimal lies below 2^e, beyond half the gap to the next lower double; the one above reads back.
        CanonicalJson.FormatNumber(Math.ScaleB(1, exponent)).ShouldBe(expected);
    }

    [Fact]
    public void Every_double_of_the_node_js_vectors_is_written_as_node_js_writes_it()
    {
        var wrong = EcmaScriptNumberVectors.All
            .Select(v => (v.Bits, v.Expected, Actual: CanonicalJson.FormatNumber(FromBits(v.Bits))))
            .Where(v => v.Actual != v.Expected)
            .Select(v => $"{v.Bits}: expected {v.Expected}, got {v.Actual}")
            .ToList();

        EcmaScriptNumberVectors.All.Length.ShouldBeGreaterThan(250);
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_finite_double_reads_back_as_itself()
    {
        AnyFiniteDouble.Sample(
            d => double.Parse(CanonicalJson.FormatNumber(d), CultureInfo.InvariantCulture).ShouldBe(d == 0 ? 0 : d),
            iter: 20_000);
    }

    [Fact]
    public void Every_finite_double_is_written_in_the_ecmascript_grammar()
    {
        var grammar = new System.Text.RegularExpressions.Regex(@"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?(e[+-][1-9][0-9]*)?$");
        AnyFiniteDouble.Sample(
            d =>
            {
                var text = CanonicalJson.FormatNumber(d);
                grammar.IsMatch(text).ShouldBeTrue(text);
                var exponentForm = text.Contains('e', StringComparison.Ordinal);
                var magnitude = Math.Abs(d);
                exponentForm.ShouldBe(magnitude != 0 && (magnitude >= 1e21 || magnitude < 1e-6), text);
                if (exponentForm)
                {
                    // One digit before the point: d.ddde±x.
                    text.TrimStart('-').IndexOf('.', StringComparison.Ordinal).ShouldBeOneOf(-1, 1);
                }
            },
            iter: 20_000);
    }

    [Fact]
    public void No_double_is_written_with_a_digit_it_could_do_without()
    {
        AnyFiniteDouble.Where(d => d != 0).Sample(
            d =>
            {
                var (digits, exponent) = SignificantDigits(CanonicalJson.FormatNumber(d));
                if (digits.Length == 1)
                {
                    return;
                }

                // The two decimals with one digit fewer on either side of d: neither may read back as d.
                var shorter = ulong.Parse(digits[..^1], CultureInfo.InvariantCulture);
                foreach (var candidate in new[] { shorter, shorter + 1 })
                {
                    var text = string.Create(CultureInfo.InvariantCulture, $"{candidate}E{exponent + 1}");
                    double.Parse(text, CultureInfo.InvariantCulture).ShouldNotBe(Math.Abs(d), $"{d:R} could be written as {text}");
                }
            },
            iter: 20_000);
    }

    private static readonly Gen<double> AnyFiniteDouble = Gen.Frequency(
        (4, Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite)),
        (2, Gen.Select(Gen.Long[-99_999_999, 99_999_999], Gen.Int[-30, 30]).Select((m, e) => m * Math.Pow(10, e))),
        (1, Gen.Int[-1074, 1023].Select(e => Math.ScaleB(1, e))),
        (1, Gen.Double.Where(double.IsFinite)));

    /// <summary>The significant digits of a canonical number and the power of ten of its last digit.</summary>
    private static (string Digits, int Exponent) SignificantDigits(string text)
    {
        text = text.TrimStart('-');
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= mantissa.Length - dot - 1;
            mantissa = mantissa.Remove(dot, 1);
        }

        var digits = mantissa.TrimStart('0');
        var trailing = digits.Length - digits.TrimEnd('0').Length;
        return (digits.TrimEnd('0'), exponent + trailing);
    }
}
