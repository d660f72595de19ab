using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Security;

/// <summary>Who may do what: writes need the editor role, the audit trail the auditor role, reads nothing; refusals are problems.</summary>
public sealed class ApiKeyAuthenticationTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _editor = app.CreateClient();
    private readonly HttpClient _anonymous = app.CreateAnonymousClient();
    private readonly HttpClient _auditor = app.CreateAuditorClient();
    private Given Given => new(_editor);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> WriteRoutes =>
    [
        "/api/officials", "/api/officials/{officialId}/offices", "/api/visits", "/api/arms-deliveries", "/api/joint-statements",
        "/api/entries/{id}/corrections", "/api/entries/{id}/retraction", "/api/admin/rebuild",
    ];

    public static TheoryData<string> AuditRoutes => ["/api/audit/events", "/api/audit/head", "/api/audit/verify"];

    /// <summary>A valid request to a write route: with the editor's key it would be accepted, so a refusal is the key's doing.</summary>
    private async Task<HttpRequestMessage> WriteAsync(string route)
    {
        var officialId = await Given.OfficialAsync("Wei Fenghe", "CN");
        var entryId = (await Given.JointStatementAsync(["CN", "RU"], "2018-04-03")).Id();
        JsonNode body = route switch
        {
            "/api/officials" => Bodies.Official("Wang Qishan", "CN", "wang-qishan-" + Guid.NewGuid().ToString("N")[..6]),
            "/api/officials/{officialId}/offices" => Bodies.Office("Minister of National Defense", "2018-03-19"),
            "/api/visits" => Bodies.Visit([officialId], "RU", "2018-04"),
            "/api/arms-deliveries" => Bodies.ArmsDelivery("RU", "CN", "2018-04"),
            "/api/joint-statements" => Bodies.JointStatement(["CN", "RU"], "2018-06-08"),
            "/api/entries/{id}/corrections" => new JsonObject
            {
                ["changes"] = new JsonObject { ["title"] = "A corrected title" }, ["reason"] = "The title was wrong.", ["sources"] = Bodies.Sources(),
            },
            "/api/entries/{id}/retraction" => new JsonObject { ["reason"] = "Never signed." },
            _ => new JsonObject(),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, route.Replace("{officialId}", officialId, StringComparison.Ordinal).Replace("{id}", entryId, StringComparison.Ordinal))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        return request;
    }

    private static async Task<JsonElement> ShouldBeUnauthorizedAsync(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        challenges.ShouldContain("Bearer");
        challenges.ShouldContain("ApiKey");
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("correlationId").GetString().ShouldBe(response.Headers.GetValues("X-Correlation-Id").Single());
        return problem;
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task A_write_without_a_key_is_401_problem_with_a_challenge_and_appends_nothing(string route)
    {
        using var request = await WriteAsync(route);
        var before = await app.EventCountAsync();

        var response = await _anonymous.SendAsync(request, Ct);

        var problem = await ShouldBeUnauthorizedAsync(response);
        problem.GetProperty("detail").GetString()!.ShouldContain("'editor'");
        problem.GetProperty("detail").GetString()!.ShouldContain("X-Api-Key");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(AuditRoutes))]
    public async Task The_audit_trail_without_a_key_is_401_problem_naming_the_auditor_role(string route)
    {
        var response = await _anonymous.GetUrlAsync(route);

        var problem = await ShouldBeUnauthorizedAsync(response);
        problem.GetProperty("detail").GetString()!.ShouldContain("'auditor'");
    }

    [Theory]
    [InlineData("X-Api-Key", "srt_not-a-key-anyone-was-given")]
    [InlineData("Authorization", "Bearer srt_not-a-key-anyone-was-given")]
    [InlineData("Authorization", "Bearer")]
    public async Task A_wrong_key_is_401_on_a_write_and_appends_nothing(string header, string value)
    {
        using var request = await WriteAsync("/api/visits");
        request.Headers.TryAddWithoutValidation(header, value).ShouldBeTrue();
        var before = await app.EventCountAsync();

        var response = await _anonymous.SendAsync(request, Ct);

        var problem = await ShouldBeUnauthorizedAsync(response);
        problem.GetProperty("title").GetString().ShouldBe("The API key is not valid.");
        response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer" && h.Parameter!.Contains("error=\"invalid_token\""));
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("X-Api-Key", "srt_not-a-key-anyone-was-given")]
    [InlineData("Authorization", "Bearer srt_not-a-key-anyone-was-given")]
    public async Task A_wrong_key_is_401_on_a_read_too_so_a_client_learns_at_once_that_its_key_is_wrong(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/timeline");
        request.Headers.TryAddWithoutValidation(header, value).ShouldBeTrue();

        var response = await _anonymous.SendAsync(request, Ct);

        var problem = await ShouldBeUnauthorizedAsync(response);
        problem.GetProperty("detail").GetString()!.ShouldContain("leave the header out");
    }

    [Fact]
    public async Task Two_different_keys_in_the_two_headers_are_refused_rather_than_one_picked()
    {
        using var request = await WriteAsync("/api/visits");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Auditor.Key);

        var response = await _editor.SendAsync(request, Ct);

        (await ShouldBeUnauthorizedAsync(response)).GetProperty("detail").GetString()!.ShouldContain("different keys");
    }

    [Theory]
    [MemberData(nameof(AuditRoutes))]
    public async Task An_editor_key_on_the_audit_trail_is_403_problem_naming_the_missing_role(string route)
    {
        var response = await _editor.GetUrlAsync(route);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().ShouldBe("The key 'test-editor' has the role editor; this route needs the 'auditor' role.");
        response.Headers.WwwAuthenticate.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task An_auditor_key_on_a_write_is_403_problem_and_appends_nothing(string route)
    {
        using var request = await WriteAsync(route);
        var before = await app.EventCountAsync();

        var response = await _auditor.SendAsync(request, Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().ShouldBe("The key 'test-auditor' has the role auditor; this route needs the 'editor' role.");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(AuditRoutes))]
    public async Task An_auditor_key_reads_the_audit_trail(string route)
    {
        var response = await _auditor.GetUrlAsync(route);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.TextAsync());
    }

    [Fact]
    public async Task One_key_may_hold_both_roles_and_then_writes_and_reads_the_audit_trail()
    {
        var chief = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

        await chief.PostCreatedAsync("/api/arms-deliveries", Bodies.ArmsDelivery("RU", "CN", "2018-01"));
        (await chief.GetUrlAsync("/api/audit/head")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_view_is_open_to_a_client_without_a_key()
    {
        var officialId = await Given.OfficialAsync("Wei Fenghe", "CN");
        await Given.OfficeAsync(officialId, "Minister of National Defense", "2018-03-19");
        var a = (await Given.VisitAsync(officialId, "RU", "2018-04")).Id();
        var b = (await Given.JointStatementAsync(["CN", "RU"], "2018-06-08")).Id();

        foreach (var url in new[]
                 {
                     "/api/timeline?countries=CN,RU", "/api/officials", $"/api/officials/{officialId}", $"/api/officials/{officialId}/itinerary",
                     $"/api/officials/{officialId}/first-overseas-trips", "/api/first-overseas-trips?country=CN", $"/api/entries/{a}",
                     $"/api/entries/{a}/history", $"/api/chronology?a={a}&b={b}", "/health/live", "/swagger/v1/swagger.json",
                 })
            (await _anonymous.GetUrlAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
    }

    [Fact]
    public async Task An_Authorization_header_of_another_scheme_is_not_a_key_and_leaves_reads_open()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/timeline");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        (await _anonymous.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    public async Task The_key_works_as_a_bearer_token(string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits")
        {
            Content = JsonContent.Create(Bodies.Visit([await Given.OfficialAsync("Wei Fenghe", "CN")], "RU", "2018-04")),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {TestKeys.Editor.Key}").ShouldBeTrue();

        var response = await _anonymous.SendAsync(request, Ct);

        await response.ShouldBeCreatedEntryAsync(_anonymous);
    }

    [Fact]
    public async Task The_key_works_in_the_X_Api_Key_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/arms-deliveries")
        {
            Content = JsonContent.Create(Bodies.ArmsDelivery("RU", "CN", "2018-01")),
            Headers = { { "X-Api-Key", TestKeys.Editor.Key } },
        };

        var response = await _anonymous.SendAsync(request, Ct);

        await response.ShouldBeCreatedEntryAsync(_anonymous);
    }
}
