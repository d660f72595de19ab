using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SinoRussiaTimeline.Idempotency;

/// <summary>Documents the <c>Idempotency-Key</c> header, and the header marking a replayed answer, on the routes that take it.</summary>
public sealed class IdempotencyKeyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentWriteMetadata>().Any()) return;

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKey.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: send a fresh key (a UUID) with each new write, and the same key and body when retrying it. "
                          + "A retry gets the first answer again, with Idempotent-Replayed: true, and writes nothing; "
                          + "the same key with a different request answers 422. 1 to 200 printable ASCII characters.",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = IdempotencyKey.MaxLength,
                Pattern = IdempotencyKey.Pattern,
            },
            Example = JsonValue.Create("5f0c7a52-8e4b-4c1e-9a37-2d6b1f0e9c84"),
        });

        if (operation.Responses is null) return;
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete) continue;
            if (status.StartsWith('2'))
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[IdempotencyKey.ReplayedHeaderName] = new OpenApiHeader
                {
                    Description = "true when this answer repeats the one given to an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
                };
            }
            else if (status == "409")
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait, when another request with the same Idempotency-Key is still being processed.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                };
            }
        }
    }
}
