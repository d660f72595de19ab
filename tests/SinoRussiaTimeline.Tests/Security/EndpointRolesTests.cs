using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Security;

/// <summary>
/// The rule over every route, present and future: a POST needs the editor role, an audit route the auditor role, any
/// other read nothing. A new write route that forgets its role fails here, not in production. The OpenAPI document
/// tells clients the same.
/// </summary>
public sealed class EndpointRolesTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private List<(string Method, string Route, List<string> Policies)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => (
                method,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)").Distinct().ToList())))
            .ToList();

    private static string? ExpectedPolicy(string method, string route) =>
        method == "POST" ? "editor" : route.StartsWith("/api/audit", StringComparison.Ordinal) ? "auditor" : null;

    [Fact]
    public void Every_write_needs_the_editor_role_every_audit_route_the_auditor_role_and_every_other_read_none()
    {
        var endpoints = Endpoints();
        endpoints.Count(e => e.Method == "POST").ShouldBeGreaterThanOrEqualTo(8);
        endpoints.Count(e => e.Route.StartsWith("/api/audit", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3);

        var wrong = endpoints
            .Where(e => !e.Policies.SequenceEqual(ExpectedPolicy(e.Method, e.Route) is { } policy ? [policy] : []))
            .Select(e => $"{e.Method} {e.Route}: [{string.Join(", ", e.Policies)}]")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_the_api_key_header_and_the_bearer_scheme()
    {
        var document = await app.CreateAnonymousClient().GetOkJsonAsync("/swagger/v1/swagger.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var apiKey = schemes.GetProperty("apiKey");
        apiKey.GetProperty("type").GetString().ShouldBe("apiKey");
        apiKey.GetProperty("in").GetString().ShouldBe("header");
        apiKey.GetProperty("name").GetString().ShouldBe("X-Api-Key");
        var bearer = schemes.GetProperty("bearer");
        bearer.GetProperty("type").GetString().ShouldBe("http");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        document.TryGetProperty("security", out _).ShouldBeFalse("reads need no key, so no requirement may apply to the whole document");
    }

    [Fact]
    public async Task The_OpenAPI_document_puts_a_key_requirement_and_401_and_403_on_exactly_the_protected_operations()
    {
        var document = await app.CreateAnonymousClient().GetOkJsonAsync("/swagger/v1/swagger.json");

        var checkedOperations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
            var responses = operation.Value.GetProperty("responses");
            responses.TryGetProperty("401", out var unauthorized).ShouldBeTrue($"{where} does not document 401");
            unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue(where);
            if (ExpectedPolicy(operation.Name.ToUpperInvariant(), path.Name) is { } role)
            {
                var security = operation.Value.GetProperty("security").EnumerateArray()
                    .Select(r => string.Join("+", r.EnumerateObject().Select(s => s.Name))).ToList();
                security.ShouldBe(["apiKey", "bearer"], where);
                responses.TryGetProperty("403", out var forbidden).ShouldBeTrue($"{where} does not document 403");
                forbidden.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue(where);
                operation.Value.GetProperty("description").GetString()!.ShouldContain($"'{role}' role", Case.Sensitive, where);
                checkedOperations++;
            }
            else
            {
                // Open: no requirement, or only the empty one ({}), which says explicitly that no credentials are needed.
                (!operation.Value.TryGetProperty("security", out var security) || security.EnumerateArray().All(r => !r.EnumerateObject().Any()))
                    .ShouldBeTrue($"{where} is open and must not ask for a key");
                responses.TryGetProperty("403", out _).ShouldBeFalse(where);
            }
        }
        checkedOperations.ShouldBeGreaterThanOrEqualTo(11);
    }

    [Fact]
    public async Task Swagger_UI_is_served_so_a_user_can_enter_a_key_under_Authorize()
    {
        var response = await app.CreateAnonymousClient().GetUrlAsync("/swagger/index.html");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await response.TextAsync()).ShouldContain("swagger-ui");
    }
}
