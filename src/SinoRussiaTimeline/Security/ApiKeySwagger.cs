using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SinoRussiaTimeline.Security;

/// <summary>
/// The OpenAPI side of the keys: two security schemes (the <c>X-Api-Key</c> header and a bearer token, either one
/// accepted), a security requirement on the operations that need a role and only on those (Swagger UI then sends the
/// key entered under "Authorize" to them alone), and their 401/403 answers.
/// </summary>
public sealed class ApiKeySwagger : IOperationFilter
{
    public const string ApiKeySchemeId = "apiKey";
    public const string BearerSchemeId = "bearer";

    public static void Configure(SwaggerGenOptions options)
    {
        options.AddSecurityDefinition(ApiKeySchemeId, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationOptions.HeaderName,
            Description = "An API key, as issued by the service's operator (`make run` prints a local editor key). "
                          + "Writes need the editor role, the audit routes the auditor role; reads need no key.",
        });
        options.AddSecurityDefinition(BearerSchemeId, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same API key, sent as `Authorization: Bearer <key>`.",
        });
        options.OperationFilter<ApiKeySwagger>();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var roles = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Distinct().ToList();
        operation.Responses ??= [];
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        OpenApiResponse Problem(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        };

        if (roles.Count == 0)
        {
            // Open to all; but a key that is sent must be valid, so a client learns at once that its key is wrong.
            operation.Responses.TryAdd("401", Problem("An API key was sent and is not valid. This route needs no key: leave the header out."));
            return;
        }

        // Two requirements: either scheme satisfies the operation.
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySchemeId, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeId, context.Document)] = [] },
        ];
        var needed = string.Join(" and ", roles.Select(r => $"'{r}'"));
        operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") + $"Requires an API key with the {needed} role.";
        operation.Responses["401"] = Problem("No API key was sent, or the key is not valid. The answer carries WWW-Authenticate.");
        operation.Responses["403"] = Problem($"The API key is valid but lacks the {needed} role.");
    }
}
