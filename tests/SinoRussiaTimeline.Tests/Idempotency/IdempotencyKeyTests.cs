using SinoRussiaTimeline.Idempotency;

namespace SinoRussiaTimeline.Tests.Idempotency;

public sealed class IdempotencyKeyTests
{
    private static string Id(string caller = "editor-1", string route = "/api/visits", string key = "k-1") =>
        IdempotencyKey.RecordId(caller, "POST", route, key);

    [Fact]
    public void Two_callers_who_choose_the_same_key_never_share_a_record()
    {
        Id(caller: "editor-1").ShouldNotBe(Id(caller: "editor-2"));
    }

    [Fact]
    public void One_caller_and_key_on_two_routes_name_two_records()
    {
        Id(route: "/api/visits").ShouldNotBe(Id(route: "/api/arms-deliveries"));
    }

    [Fact]
    public void A_caller_name_cannot_be_forged_to_reach_another_callers_record_by_moving_the_separator()
    {
        // "a\nPOST /x" + key vs "a" with a route that starts differently: the separators are part of the hashed text.
        IdempotencyKey.RecordId("a", "POST", "/api/visits", "k").ShouldNotBe(IdempotencyKey.RecordId("a\nPOST /api/visits", "POST", "", "k"));
        Id().ShouldBe(Id(), "the same caller, route and key always name the same record");
    }

    [Theory]
    [InlineData("5f0c7a52-8e4b-4c1e-9a37-2d6b1f0e9c84")]
    [InlineData("retry of order 17")]
    [InlineData("~")]
    public void Keys_of_printable_ASCII_are_usable(string key)
    {
        IdempotencyKey.Problem(key).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_or_blank_key_is_refused(string key)
    {
        IdempotencyKey.Problem(key).ShouldNotBeNull();
    }

    [Fact]
    public void Two_headers_with_a_key_each_are_refused()
    {
        IdempotencyKey.Problem(new Microsoft.Extensions.Primitives.StringValues(["a", "b"])).ShouldNotBeNull();
    }
}
