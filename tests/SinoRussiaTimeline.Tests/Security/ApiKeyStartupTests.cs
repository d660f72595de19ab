using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Security;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Security;

/// <summary>The service as an operator configures it: keys made with the new-key verb work, malformed ones stop the start.</summary>
public sealed class ApiKeyStartupTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sha256", "not-a-hash", "Timeline:ApiKeys:0 ('test-editor'): sha256 must be the SHA-256 of the key as 64 hexadecimal digits")]
    [InlineData("Roles:0", "admin", "Timeline:ApiKeys:0 ('test-editor'): unknown role 'admin'; the roles are editor and auditor.")]
    public async Task The_service_does_not_start_with_a_malformed_key_and_says_which_entry_is_wrong(string field, string value, string message)
    {
        await using var misconfigured = app.WithWebHostBuilder(builder => builder.UseSetting($"Timeline:ApiKeys:0:{field}", value));

        var failure = Should.Throw<OptionsValidationException>(() => misconfigured.CreateClient());

        failure.Message.ShouldContain(message);
    }

    private static (int Exit, string Output, string Error) NewKey(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = NewKeyCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Field(string output, string name) =>
        output.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    [Fact]
    public async Task A_key_made_by_the_new_key_verb_authenticates_against_the_hash_it_printed_and_writes_under_its_name()
    {
        var (exit, output, _) = NewKey("desk-7", "editor");
        exit.ShouldBe(0);
        var key = Field(output, "key");
        var hash = Field(output, "sha256");
        hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        output.ShouldContain($"Timeline__ApiKeys__N__Sha256={hash}");
        output.ShouldContain("Timeline__ApiKeys__N__Roles__0=editor");
        await using var configured = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Timeline:ApiKeys:3:Name", Field(output, "name"));
            builder.UseSetting("Timeline:ApiKeys:3:Sha256", hash);
            builder.UseSetting("Timeline:ApiKeys:3:Roles:0", Field(output, "roles"));
        });
        var client = configured.CreateClient();
        client.DefaultRequestHeaders.Remove(ApiKeyAuthenticationOptions.HeaderName);
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationOptions.HeaderName, key);

        var response = await client.PostAsJsonAsync("/api/arms-deliveries", Bodies.ArmsDelivery("RU", "CN", "2018-04"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.TextAsync());
        var history = await client.GetOkJsonAsync($"/api/entries/{(await response.ReadJsonAsync()).Id()}/history");
        history.GetProperty("items")[0].GetProperty("recordedBy").GetString().ShouldBe("desk-7");
    }

    [Fact]
    public void Each_key_is_new_random_and_marked_as_this_service_s()
    {
        var keys = Enumerable.Range(0, 3).Select(_ => Field(NewKey("desk", "auditor").Output, "key")).ToList();

        keys.Distinct().Count().ShouldBe(3);
        keys.ShouldAllBe(k => k.StartsWith("srt_") && k.Length == 47);
    }

    [Theory]
    [InlineData("desk")]
    [InlineData("desk", "admin")]
    [InlineData("two words", "editor")]
    public void The_verb_refuses_a_missing_or_unknown_role_or_a_bad_name_and_prints_no_key(params string[] args)
    {
        var (exit, output, error) = NewKey(args);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Roles_may_be_listed_separately_or_with_commas()
    {
        Field(NewKey("chief", "editor", "auditor").Output, "roles").ShouldBe("editor,auditor");
        Field(NewKey("chief", "editor,auditor").Output, "roles").ShouldBe("editor,auditor");
    }
}
