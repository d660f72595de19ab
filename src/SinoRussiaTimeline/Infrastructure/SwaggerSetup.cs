using Microsoft.OpenApi;

namespace SinoRussiaTimeline.Infrastructure;

public static class SwaggerSetup
{
    public static IServiceCollection AddTimelineSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "SinoRussiaTimeline API",
                Version = "v1",
                Description = "Dated events in bilateral relations (visits, arms deliveries, joint statements), recorded as immutable events "
                              + "and served as timelines, itineraries and first overseas trips. Dates are EDTF at their honest precision; "
                              + "every entry cites its sources. Errors are application/problem+json with an `errors` object naming each bad field.",
            });
            options.SupportNonNullableReferenceTypes();
            options.UseAllOfToExtendReferenceSchemas();
            var xml = Path.Combine(AppContext.BaseDirectory, "SinoRussiaTimeline.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);
            // After the XML comments, which they post-process.
            options.SchemaFilter<FieldExamplesFilter>();
            options.ParameterFilter<FieldExamplesFilter>();
            SinoRussiaTimeline.ApiDocument.ApiDocumentConventions.ApplyApiDocumentConventions(options);
        });
        return services;
    }

    public static WebApplication UseTimelineSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "SinoRussiaTimeline v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "SinoRussiaTimeline API";
        });
        return app;
    }
}

/// <summary>
/// Moves the <c>&lt;example&gt;</c> written beside each field's documentation into the schema's example, so the code
/// keeps a field's description and its example together and Swagger UI shows ready-to-send bodies.
/// </summary>
public sealed partial class FieldExamplesFilter : Swashbuckle.AspNetCore.SwaggerGen.ISchemaFilter, Swashbuckle.AspNetCore.SwaggerGen.IParameterFilter
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\s*<example>(?<value>.*?)</example>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex ExamplePattern();

    public void Apply(IOpenApiSchema schema, Swashbuckle.AspNetCore.SwaggerGen.SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is null) return;
        foreach (var property in concrete.Properties.Values.OfType<OpenApiSchema>())
        {
            if (Extract(property.Description, property.Type) is not { } found) continue;
            property.Description = found.Description;
            property.Examples = [found.Example];
        }
    }

    public void Apply(IOpenApiParameter parameter, Swashbuckle.AspNetCore.SwaggerGen.ParameterFilterContext context)
    {
        if (parameter is not OpenApiParameter concrete || Extract(concrete.Description, concrete.Schema?.Type) is not { } found) return;
        concrete.Description = found.Description;
        concrete.Example = found.Example;
    }

    private static (string Description, System.Text.Json.Nodes.JsonNode Example)? Extract(string? description, JsonSchemaType? type)
    {
        if (description is null || ExamplePattern().Match(description) is not { Success: true } match) return null;
        var value = System.Net.WebUtility.HtmlDecode(match.Groups["value"].Value.Trim());
        var example = value.StartsWith('[') || value.StartsWith('{') || (type is { } t && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number)))
            ? System.Text.Json.Nodes.JsonNode.Parse(value)!
            : System.Text.Json.Nodes.JsonValue.Create(value);
        return (ExamplePattern().Replace(description, "").Trim(), example);
    }
}
