using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SinoRussiaTimeline.Security;

/// <summary>
/// Authenticates a request by the API key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. No key is no identity
/// (reads are open); a key that is present but unknown or malformed is a failure, which
/// <see cref="SecuritySetup.UseTimelineAuthentication"/> answers with 401 on every route. Challenges and refusals are
/// problem details, like every other error of the service.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const string Realm = "SinoRussiaTimeline";

    // Far longer than any key this service makes; anything longer is not worth hashing.
    private const int MaximumKeyLength = 256;

    private const string HowToSend = "Send it as 'X-Api-Key: <key>' or 'Authorization: Bearer <key>'.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (key, problem) = ReadKey(Request.Headers);
        if (problem is not null) return Task.FromResult(AuthenticateResult.Fail(problem));
        if (key is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (Options.Find(key) is not { } match)
            return Task.FromResult(AuthenticateResult.Fail("The API key sent is not valid: no configured key matches it."));

        var claims = new List<Claim> { new(ClaimTypes.Name, match.Name) };
        claims.AddRange(match.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    /// <summary>The key the request carries, or why what it carries is not a key. Another Authorization scheme is not ours: no key.</summary>
    internal static (string? Key, string? Problem) ReadKey(IHeaderDictionary headers)
    {
        var apiKeyHeader = headers[ApiKeyAuthenticationOptions.HeaderName];
        if (apiKeyHeader.Count > 1) return (null, $"Send one {ApiKeyAuthenticationOptions.HeaderName} header, not {apiKeyHeader.Count}.");
        string? fromApiKey = apiKeyHeader.Count == 1 ? apiKeyHeader[0]!.Trim() : null;

        string? fromBearer = null;
        var authorization = headers.Authorization;
        if (authorization.Count > 1) return (null, "Send one Authorization header.");
        if (authorization.Count == 1 && authorization[0] is { } value)
        {
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            var scheme = space < 0 ? value : value[..space];
            if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) fromBearer = space < 0 ? "" : value[(space + 1)..].Trim();
        }

        if (fromApiKey is not null && fromBearer is not null && !string.Equals(fromApiKey, fromBearer, StringComparison.Ordinal))
            return (null, $"{ApiKeyAuthenticationOptions.HeaderName} and Authorization: Bearer carry different keys; send one key.");
        var key = fromApiKey ?? fromBearer;
        return key switch
        {
            null => (null, null),
            "" => (null, "The API key sent is empty. " + HowToSend),
            { Length: > MaximumKeyLength } => (null, "The API key sent is not valid: it is longer than any key this service issues."),
            _ => (key, null),
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var invalid = result.Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 for the bearer form; the second challenge names the header alternative.
        Response.Headers.Append(HeaderNames.WWWAuthenticate, invalid
            ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"The API key is not valid\""
            : $"Bearer realm=\"{Realm}\"");
        Response.Headers.Append(HeaderNames.WWWAuthenticate, $"ApiKey realm=\"{Realm}\", header=\"{ApiKeyAuthenticationOptions.HeaderName}\"");

        var roles = RequiredRoles();
        var detail = invalid
            ? result.Failure!.Message + " A request that sends a key must send a valid one, reads included; leave the header out to read anonymously."
            : roles.Count > 0
                ? $"This route needs an API key with the {Describe(roles)} role. {HowToSend}"
                : $"This route needs an API key. {HowToSend}";
        await WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = invalid ? "The API key is not valid." : "An API key is required.",
            Detail = detail,
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var held = Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var roles = RequiredRoles();
        await WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "The API key lacks the role this route needs.",
            Detail = $"The key '{Context.User.Identity?.Name}' has the role{(held.Count == 1 ? "" : "s")} {(held.Count == 0 ? "(none)" : string.Join(", ", held))}; "
                     + (roles.Count > 0 ? $"this route needs the {Describe(roles)} role." : "this route needs another role."),
        });
    }

    private async Task WriteProblemAsync(ProblemDetails problem)
    {
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }))
            await Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    // The policies of this service are named after the role they require.
    private List<string> RequiredRoles() =>
        Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Where(TimelineRoles.All.Contains).Distinct().ToList() ?? [];

    private static string Describe(List<string> roles) => string.Join(" and ", roles.Select(r => $"'{r}'"));
}
