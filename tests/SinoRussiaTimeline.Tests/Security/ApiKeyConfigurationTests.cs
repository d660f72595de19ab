using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Security;

namespace SinoRussiaTimeline.Tests.Security;

/// <summary>The configured keys are checked when the service starts, so a key that could never work stops the start.</summary>
public sealed class ApiKeyConfigurationTests
{
    private static readonly string GoodHash = ApiKeyHashing.Hash("srt_some-key");

    private static ConfiguredApiKey Key(string name = "newsroom", string? sha256 = null, params string[] roles) =>
        new() { Name = name, Sha256 = sha256 ?? GoodHash, Roles = roles.Length == 0 ? [TimelineRoles.Editor] : [.. roles] };

    private static ValidateOptionsResult Validate(params ConfiguredApiKey[] keys)
    {
        var options = new ApiKeyAuthenticationOptions();
        options.ApiKeys.AddRange(keys);
        return new ApiKeyOptionsValidator().Validate(ApiKeyAuthenticationOptions.Scheme, options);
    }

    [Fact]
    public void Well_formed_keys_pass_and_so_does_no_key_at_all_which_leaves_the_service_read_only()
    {
        Validate(Key("newsroom"), Key("auditor-1", ApiKeyHashing.Hash("srt_other").ToUpperInvariant(), TimelineRoles.Auditor)).Succeeded.ShouldBeTrue();
        Validate().Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("abc", "sha256 must be the SHA-256 of the key as 64 hexadecimal digits, not the key itself (it has 3 characters).")]
    [InlineData("srt_the-key-itself-pasted-instead-of-its-hash", "(it has 45 characters, not all hexadecimal)")]
    [InlineData("zz2f5e2de971eeae9351c0a5a407bf0dff9ab9f008c6babfd242b06edb023b52", "(it has 64 characters, not all hexadecimal)")]
    [InlineData("", "(it has 0 characters)")]
    public void A_hash_that_is_not_64_hexadecimal_digits_fails_naming_the_entry_and_how_to_make_one(string sha256, string expected)
    {
        var result = Validate(Key("newsroom", sha256));

        result.Failed.ShouldBeTrue();
        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldStartWith("Timeline:ApiKeys:0 ('newsroom'): sha256 must be");
        failure.ShouldContain(expected);
        failure.ShouldContain("new-key NAME ROLE");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("Editor")]
    public void An_unknown_role_fails_listing_the_roles(string role)
    {
        Validate(Key("newsroom", null, role)).Failures.ShouldBe([$"Timeline:ApiKeys:0 ('newsroom'): unknown role '{role}'; the roles are editor and auditor."]);
    }

    [Fact]
    public void A_key_without_roles_fails()
    {
        Validate(new ConfiguredApiKey { Name = "newsroom", Sha256 = GoodHash }).Failures
            .ShouldBe(["Timeline:ApiKeys:0 ('newsroom'): roles must name at least one of editor, auditor."]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("<script>")]
    public void A_name_that_could_not_be_shown_as_recordedBy_fails(string name)
    {
        Validate(Key(name)).Failures.ShouldHaveSingleItem().ShouldContain("name must be 1 to 64 letters, digits, '-', '_' or '.'");
    }

    [Fact]
    public void Two_keys_with_one_name_or_one_hash_fail_because_recordedBy_must_tell_writers_apart()
    {
        Validate(Key("newsroom"), Key("Newsroom", ApiKeyHashing.Hash("srt_other"))).Failures.ShouldHaveSingleItem().ShouldContain("the name 'newsroom' is given to 2 keys");
        Validate(Key("newsroom"), Key("desk")).Failures.ShouldHaveSingleItem().ShouldContain("the keys 'newsroom', 'desk' have the same sha256");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        Validate(Key("newsroom", "abc"), Key("desk", null, "admin")).Failures!.Count().ShouldBe(2);
    }
}
