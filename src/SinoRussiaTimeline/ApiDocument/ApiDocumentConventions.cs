using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SinoRussiaTimeline.ApiDocument;

/// <summary>
/// What the generated OpenAPI document needs beyond what Swashbuckle infers, so that it says what the service does and
/// passes <c>redocly lint</c> (scripts/lint-openapi.sh): tag descriptions, a server, explicit security, error responses
/// described in words, the If-Match header, and nullable references a client generator can read.
/// </summary>
public static class ApiDocumentConventions
{
    public static void ApplyApiDocumentConventions(this SwaggerGenOptions options)
    {
        // A JsonNode is any JSON value; reflected, it would read as an object with the .NET properties options/parent/root.
        options.MapType<JsonNode>(() => new OpenApiSchema { Description = "Any JSON value." });
        // A field a client must send is listed as required; without this the document marked no field required at all.
        options.NonNullableReferenceTypesAsRequired();
        options.DocumentFilter<ApiDocumentFilter>();
    }
}

public sealed class ApiDocumentFilter : IDocumentFilter
{
    /// <summary>Every tag an endpoint uses, described; a tag missing here fails the lint, so a new feature describes its own.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Timeline"] = "Entries in chronological order by the date they occurred, filtered by countries, period, kind, official and text, paged; asOf replays what the service held at an instant.",
        ["Entries"] = "One entry by id, its full history, and the corrections and retractions that change it: stored events are never edited, and writers name the version they change (If-Match).",
        ["Visits"] = "Visits by officials of one country to another: state, official and working visits, summits, forums.",
        ["Arms deliveries"] = "Deliveries of weapons systems from a supplier to a recipient country, apart from the contract they fulfil.",
        ["Joint statements"] = "Statements signed by two or more countries, with their signatories, place and date.",
        ["Officials"] = "People who act for a country: names in English, Chinese and Russian, aliases, offices held, and their itineraries.",
        ["First overseas trips"] = "For each office an official held, the earliest visit abroad within its tenure, with the rule applied and the evidence; ambiguous when the dates cannot decide.",
        ["Chronology"] = "Whether one entry came before, after, on the same day as, or overlapping another, judged from the bounds of their dates.",
        ["Audit"] = "The event log as an auditor reads it: a hash chain over every stored event, its head, an NDJSON export and an online verification.",
        ["Exports"] = "The timeline and itineraries in the formats newsrooms use: CSV, Knight Lab TimelineJS, iCalendar and an Atom feed of the latest changes, with the timeline's filters.",
        ["Operating"] = "Running the service: liveness, readiness, and rebuilding the views from the event log.",
    };

    // The reason phrase says little; these say what the client gets and what to do. Only default descriptions are replaced.
    private static readonly Dictionary<string, string> ResponseDescriptions = new(StringComparer.Ordinal)
    {
        ["200"] = "OK.",
        ["201"] = "Created: the resource as stored, with its Location and its ETag (the version to send back in If-Match).",
        ["400"] = "The request is invalid: problem details whose `errors` object names each bad field and says what to change. Nothing was written.",
        ["404"] = "Nothing with the id in the route exists (problem details).",
        ["409"] = "The request conflicts with what is stored, such as an id already taken or an entry already retracted (problem details). Nothing was written.",
        ["412"] = "If-Match names a version that is no longer current: someone changed the entry since you read it. The ETag header and `currentVersion` give the current version; read the entry again and reapply the change.",
        ["415"] = "The body is not sent as application/json (problem details).",
        ["428"] = "If-Match is missing: send the entry's ETag, from GET /api/entries/{id} (problem details).",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var document = swaggerDoc;
        if (document.Servers is not { Count: > 0 })
            document.Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document." }];

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Description is null && tag.Name is { } name && Tags.TryGetValue(name, out var description))
                tag.Description = description;

        var openByDefault = document.Security is not { Count: > 0 };
        foreach (var operation in OperationsOf(document))
        {
            // An operation that needs no credentials says so ({} is the empty requirement), so an open route and one whose
            // requirement was forgotten cannot be confused. With a document-wide requirement, nothing is open by default.
            if (openByDefault && operation.Security is not { Count: > 0 })
                operation.Security = [new OpenApiSecurityRequirement()];

            foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
                if (response is OpenApiResponse concrete && ResponseDescriptions.TryGetValue(status, out var text) && IsReasonPhrase(status, concrete.Description))
                    concrete.Description = text;

            if (operation.Responses?.ContainsKey("428") == true && operation.Parameters?.Any(p => p.Name == "If-Match") != true)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The entry's ETag as last read (GET /api/entries/{id}), e.g. \"3\": the change applies only if no one changed the entry since.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = JsonValue.Create("\"1\""),
                });
            }
        }

        // Answers any route can give from the middleware rather than from its endpoint: the request limits, the write rate
        // limit and database outages (Protection/, Resilience/).
        foreach (var (method, operation) in (document.Paths ?? []).Values.SelectMany(p => p.Operations ?? []))
        {
            operation.Responses ??= [];
            void Add(string status, string description) => operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                },
            });
            Add("414", "The path or the query string is too long (1,024 and 2,048 characters at most).");
            Add("503", "The database is unreachable; retry after Retry-After seconds.");
            if (operation.RequestBody is not null) Add("413", "The body is over the size limit (256 KiB by default).");
            if (method == HttpMethod.Post) Add("429", "Too many writes from this client; retry after Retry-After seconds.");
        }

        var schemas = new NullableReferences(document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>());
        foreach (var schema in document.Components?.Schemas?.Values ?? []) schemas.Visit(schema);
        foreach (var operation in OperationsOf(document))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? []) schemas.Visit(media.Schema);
            foreach (var media in (operation.Responses ?? []).Values.SelectMany(r => r.Content?.Values ?? [])) schemas.Visit(media.Schema);
            foreach (var parameter in operation.Parameters ?? []) schemas.Visit(parameter.Schema);
        }
    }

    private static IEnumerable<OpenApiOperation> OperationsOf(OpenApiDocument document) =>
        (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []);

    private static bool IsReasonPhrase(string status, string? description) =>
        description is null || (int.TryParse(status, out var code) && description == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code));
}

/// <summary>
/// OpenAPI 3.0 ignores <c>nullable</c> without a <c>type</c> beside it, yet Swashbuckle writes a nullable reference as
/// <c>{allOf: [$ref], nullable: true}</c>: the null would be lost on every client. The wrapper gets the referenced
/// schema's type; a wrapper that adds nothing to its reference becomes the reference; an "any value" schema needs no
/// nullable, since it admits null already.
/// </summary>
internal sealed class NullableReferences(IDictionary<string, IOpenApiSchema> components)
{
    private readonly HashSet<IOpenApiSchema> _seen = new(ReferenceEqualityComparer.Instance);

    public void Visit(IOpenApiSchema? schema)
    {
        if (schema is not OpenApiSchema concrete || !_seen.Add(concrete)) return;
        if (concrete.Type == JsonSchemaType.Null && IsAnyValue(concrete)) concrete.Type = null;
        if (concrete.Properties is { } properties)
            foreach (var name in properties.Keys.ToList())
                properties[name] = Simplify(properties[name]);
        if (concrete.Items is not null) concrete.Items = Simplify(concrete.Items);
        if (concrete.AdditionalProperties is not null) concrete.AdditionalProperties = Simplify(concrete.AdditionalProperties);
        foreach (var part in (concrete.AllOf ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? [])) Visit(part);
    }

    private IOpenApiSchema Simplify(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } wrapper
            && wrapper.OneOf is not { Count: > 0 } && wrapper.AnyOf is not { Count: > 0 } && wrapper.Properties is not { Count: > 0 })
        {
            if (wrapper.Type == JsonSchemaType.Null)
                wrapper.Type = (TypeOf(reference) ?? JsonSchemaType.Object) | JsonSchemaType.Null;
            else if (wrapper.Type is null && AddsNothing(wrapper))
                return reference;
        }
        Visit(schema);
        return schema;
    }

    private JsonSchemaType? TypeOf(OpenApiSchemaReference reference) =>
        reference.Reference.Id is { } id && components.TryGetValue(id, out var target) ? target.Type : reference.Target?.Type;

    private static bool IsAnyValue(OpenApiSchema schema) =>
        schema.AllOf is not { Count: > 0 } && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 }
        && schema.Enum is not { Count: > 0 } && schema.Properties is not { Count: > 0 } && schema.Items is null && schema.AdditionalProperties is null;

    private static bool AddsNothing(OpenApiSchema wrapper) =>
        wrapper.Description is null && !wrapper.ReadOnly && !wrapper.WriteOnly && !wrapper.Deprecated
        && wrapper.Examples is not { Count: > 0 } && wrapper.Default is null && wrapper.Extensions is not { Count: > 0 } && wrapper.Title is null;
}
