using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.OpenApi;

namespace SinoRussiaTimeline.Tests.Stress;

/// <summary>One request as generated: what it tries (<see cref="Kind"/>) and the bytes sent.</summary>
internal sealed record HostileRequest(string Kind, HttpMethod Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, new Uri(Url, UriKind.Relative));
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        var url = Url.Length > 200 ? Url[..200] + "…" : Url;
        return $"{Method} {url} [{Kind}] {(Body is null ? "" : $"({Body.Length} bytes, {ContentType ?? "no content type"}) {body}")}";
    }
}

/// <summary>Ids the store holds, so that generated requests reach past "not found" into the handlers. Grows as entries are created.</summary>
internal sealed class KnownIds
{
    public List<string> Entries { get; } = [];
    public Dictionary<string, List<string>> OfficialsByCountry { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Officials => OfficialsByCountry.Values.SelectMany(o => o);
}

/// <summary>
/// Requests for one operation of the OpenAPI document, from CsCheck generators: values for every parameter and body
/// property according to its schema (with the example the document gives and, for fields whose meaning the schema cannot
/// say, such as official ids or EDTF dates, values the store knows), then mutated: a wrong type, a missing or extra field,
/// huge and negative numbers, very long strings, deeply nested JSON, invalid UTF-8, a wrong content type, nasty strings.
/// </summary>
internal sealed class HostileInputs(KnownIds known)
{
    private const string Slot = "__hostile_slot__";
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Countries = ["CN", "RU", "BY", "US", "KZ", "IN"];
    private static readonly string[] Dates = ["2018-04-03", "2018-04", "2013", "2018-04-01/2018-04-08", "2018-11-27/..", "2018-05~", "2016-12-25?", "2018%", "2019-06-05"];
    private static readonly string[] Instants = ["2018-06-08T00:00:00Z", "2030-01-01T12:00:00+08:00", "1970-01-01T00:00:00Z", "2018-06-08T00:00:00.1234567-03:00"];

    public Gen<HostileRequest> For(string pathTemplate, HttpMethod method, OpenApiOperation operation)
    {
        var parameters = (operation.Parameters ?? []).ToList();
        var bodySchema = operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true ? media.Schema : null;
        var valid = Gen.Select(Parameters(parameters), bodySchema is null ? Gen.Const<JsonNode?>(() => null) : Value(bodySchema, "body", 0, required: true),
            (values, body) => new Draft(values, body));

        var mutations = new List<(int, IGen<HostileRequest>)>
        {
            (6, valid.Select(d => Build("generated", pathTemplate, method, d, bodySchema is null ? null : Serialize(d.Body)))),
        };
        if (parameters.Count > 0)
            mutations.Add((4, valid.SelectMany(d => MutateParameter(parameters, d)).Select(m => Build(m.Kind, pathTemplate, method, m.Draft, bodySchema is null ? null : Serialize(m.Draft.Body)))));
        if (bodySchema is not null)
        {
            mutations.Add((5, valid.SelectMany(d => MutateValue(d.Body)).Select(m => Build(m.Kind, pathTemplate, method, m.Draft, m.Body))));
            mutations.Add((2, valid.SelectMany(d => MissingField(d.Body, bodySchema)).Select(m => Build(m.Kind, pathTemplate, method, m.Draft, m.Body))));
            mutations.Add((1, valid.SelectMany(d => ExtraField(d.Body)).Select(m => Build(m.Kind, pathTemplate, method, m.Draft, m.Body))));
            mutations.Add((3, valid.SelectMany(WholeBody).Select(m => Build(m.Kind, pathTemplate, method, m.Draft, m.Body, m.ContentType))));
        }
        else if (method == HttpMethod.Post)
        {
            // A route without a body still meets clients that send one.
            mutations.Add((1, valid.SelectMany(WholeBody).Select(m => Build(m.Kind, pathTemplate, method, m.Draft, m.Body, m.ContentType))));
        }
        return Gen.Frequency([.. mutations]);
    }

    private sealed record Draft(IReadOnlyDictionary<IOpenApiParameter, string?> Parameters, JsonNode? Body);

    private sealed record Mutated(string Kind, Draft Draft, byte[]? Body = null, string? ContentType = "application/json");

    private static HostileRequest Build(string kind, string pathTemplate, HttpMethod method, Draft draft, byte[]? body, string? contentType = "application/json")
    {
        var path = pathTemplate;
        var query = new List<string>();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (parameter, value) in draft.Parameters)
        {
            if (value is null) continue;
            switch (parameter.In)
            {
                case ParameterLocation.Path:
                    // "." and ".." would be folded away by the URL itself, reaching another route; a null character in the
                    // path never reaches the app (Kestrel refuses the request line, the test host throws), so it is left out.
                    var segment = Uri.EscapeDataString(value.Replace("\0", "", StringComparison.Ordinal));
                    path = path.Replace("{" + parameter.Name + "}", segment is "" or "." or ".." ? "%20" + segment : segment, StringComparison.Ordinal);
                    break;
                case ParameterLocation.Query:
                    query.Add($"{Uri.EscapeDataString(parameter.Name!)}={Uri.EscapeDataString(value)}");
                    break;
                case ParameterLocation.Header:
                    headers.Add(new(parameter.Name!, value));
                    break;
            }
        }
        var url = query.Count == 0 ? path : path + "?" + string.Join('&', query);
        return new HostileRequest(kind, method, url, headers, body, body is null ? null : contentType);
    }

    private static byte[] Serialize(JsonNode? body) => Encoding.UTF8.GetBytes(body?.ToJsonString(Relaxed) ?? "null");

    // ---- Values from the schema -------------------------------------------------------------------------------------

    private Gen<IReadOnlyDictionary<IOpenApiParameter, string?>> Parameters(List<IOpenApiParameter> parameters)
    {
        Gen<IReadOnlyDictionary<IOpenApiParameter, string?>> all = Gen.Const<IReadOnlyDictionary<IOpenApiParameter, string?>>(() => new Dictionary<IOpenApiParameter, string?>());
        foreach (var parameter in parameters)
        {
            var value = ParameterValue(parameter);
            var maybe = parameter.Required ? value : Gen.Frequency((1, value), (1, Gen.Const<string?>(() => null)));
            all = Gen.Select(all, maybe, (values, v) => (IReadOnlyDictionary<IOpenApiParameter, string?>)new Dictionary<IOpenApiParameter, string?>(values) { [parameter] = v });
        }
        return all;
    }

    private Gen<string?> ParameterValue(IOpenApiParameter parameter)
    {
        var name = parameter.Name ?? "";
        var domain = name switch
        {
            "id" or "a" or "b" => Pick(() => known.Entries),
            "officialId" => Pick(() => known.Officials.ToList()),
            "country" or "destination" => Pick(Countries),
            "countries" => Gen.Frequency((2, Gen.Const("CN,RU")), (1, Pick(Countries))),
            "from" or "to" => Pick(Dates),
            "asOf" => Pick(Instants),
            "kinds" => Gen.OneOf("visit", "armsDelivery", "jointStatement", "visit,jointStatement"),
            "order" => Gen.OneOf("asc", "desc"),
            "limit" => Gen.Int[1, 500].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            "If-Match" => Gen.OneOf("\"1\"", "\"2\"", "W/\"1\""),
            _ => null,
        };
        var generic = parameter.Schema is null ? Text.Select(s => (string?)s) : Value(parameter.Schema, name, 0, required: true).Select(Unquote);
        return domain is null ? generic : Gen.Frequency((4, domain.Select(v => (string?)v)), (1, generic));
    }

#pragma warning disable CS0618 // An OpenAPI 3.0 document's `example` is read into the obsolete property.
    private static JsonNode? ExampleOf(IOpenApiSchema schema) => schema.Example;
#pragma warning restore CS0618

    private static string? Unquote(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private Gen<JsonNode?> Value(IOpenApiSchema schema, string name, int depth, bool required)
    {
        var domain = FormatOf(schema) == "uuid" ? null : DomainValue(name);
        var example = schema.Examples?.FirstOrDefault() ?? ExampleOf(schema);
        var parts = new List<(int, IGen<JsonNode?>)>();
        // Mostly values that can pass, so that drafts reach the handlers; the mutations bring the hostility.
        if (domain is not null) parts.Add((10, domain));
        if (example is not null) parts.Add((3, Gen.Const(() => example.DeepClone())));
        parts.Add((parts.Count == 0 ? 10 : 1, Generic(schema, depth)));
        var gen = Gen.Frequency([.. parts]);
        return Nullable(schema) && !required ? Gen.Frequency((12, gen), (1, Gen.Const<JsonNode?>(() => null))) : gen;
    }

    private Gen<JsonNode?> Generic(IOpenApiSchema schema, int depth)
    {
        if (Enum(schema) is { Count: > 0 } values)
            return Gen.Int[0, values.Count - 1].Select(i => values[i]?.DeepClone());
        var type = TypeOf(schema);
        if (type.HasFlag(JsonSchemaType.Object) || Properties(schema).Count > 0)
            return depth > 6 ? Gen.Const<JsonNode?>(() => new JsonObject()) : ObjectOf(schema, depth);
        if (type.HasFlag(JsonSchemaType.Array))
        {
            var items = ItemsOf(schema) is { } itemSchema ? Value(itemSchema, "", depth + 1, required: true) : AnyJson;
            return items.Array[1, 3].Select(a => (JsonNode?)new JsonArray([.. a]));
        }
        if (type.HasFlag(JsonSchemaType.Integer))
            return Gen.Frequency(
                (3, Gen.Int[0, 100].Select(i => (JsonNode?)JsonValue.Create(i))),
                (1, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
                (FormatOf(schema) == "int64" ? 1 : 0, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))));
        if (type.HasFlag(JsonSchemaType.Number))
            return Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d));
        if (type.HasFlag(JsonSchemaType.Boolean))
            return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        if (type.HasFlag(JsonSchemaType.String))
        {
            return FormatOf(schema) switch
            {
                "date-time" => Pick(Instants).Select(s => (JsonNode?)JsonValue.Create(s)),
                "uuid" => Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g.ToString())),
                _ => Text.Select(s => (JsonNode?)JsonValue.Create(s)),
            };
        }
        return AnyJson;
    }

    private Gen<JsonNode?> ObjectOf(IOpenApiSchema schema, int depth)
    {
        var required = Required(schema);
        Gen<List<(string, JsonNode?)>> members = Gen.Const(() => new List<(string, JsonNode?)>());
        foreach (var (name, property) in Properties(schema))
        {
            var isRequired = required.Contains(name);
            var value = Value(property, name, depth + 1, isRequired).Select(v => (Include: true, Value: v));
            var maybe = isRequired ? value : Gen.Frequency((3, value), (2, Gen.Const((Include: false, Value: (JsonNode?)null))));
            members = Gen.Select(members, maybe, (list, m) => m.Include ? [.. list, (name, m.Value)] : list);
        }
        return members.Select(list => (JsonNode?)new JsonObject(list.Select(m => KeyValuePair.Create(m.Item1, m.Item2))));
    }

    /// <summary>Values for fields whose schema says "string" but whose meaning the store checks: ids, countries, dates.</summary>
    private Gen<JsonNode?>? DomainValue(string name)
    {
        Gen<JsonNode?> Str(Gen<string> gen) => gen.Select(s => (JsonNode?)JsonValue.Create(s));
        Gen<JsonNode?> Arr(Gen<string> gen, int min, int max) => gen.Array[min, max].Select(a => (JsonNode?)new JsonArray([.. a.Distinct().Select(s => (JsonNode?)JsonValue.Create(s))]));
        return name switch
        {
            "officialIds" => Arr(Pick(() => known.OfficialsByCountry.GetValueOrDefault("CN") ?? []), 1, 2),
            "hostOfficialIds" => Arr(Pick(() => known.OfficialsByCountry.GetValueOrDefault("RU") ?? []), 0, 2),
            "signatoryIds" => Arr(Pick(() => known.Officials.ToList()), 0, 3),
            "country" => Str(Pick(Countries)),
            // The visitors drawn above serve CN; deliveries run from a supplier to another country.
            "hostCountry" => Str(Gen.OneOf("RU", "BY", "KZ", "US")),
            "supplier" => Str(Gen.OneOf("RU", "BY")),
            "recipient" => Str(Gen.OneOf("CN", "IN")),
            "countries" => Gen.Const<JsonNode?>(() => new JsonArray("CN", "RU")),
            "date" or "from" or "to" or "signedOn" or "publishedOn" => Str(Pick(Dates)),
            "url" => Str(Gen.Int[1, 9999].Select(i => $"https://news.example.org/a/{i}")),
            "language" => Str(Gen.OneOf("en", "ru", "zh", "zh-Hans")),
            "wikidataId" => Str(Gen.Int[1, 999999].Select(i => $"Q{i}")),
            "id" => Str(Gen.Int[0, int.MaxValue].Select(i => $"fuzz-{i}")),
            "tripId" => Str(Gen.Int[0, 999].Select(i => $"trip-{i}")),
            "changes" => Gen.OneOf(
                Str(Text).Select(t => (JsonNode?)new JsonObject { ["title"] = t }),
                Str(Pick(Dates)).Select(d => (JsonNode?)new JsonObject { ["date"] = d }),
                Str(Pick(Countries)).Select(c => (JsonNode?)new JsonObject { ["hostCountry"] = c })),
            _ => null,
        };
    }

    /// <summary>Plain text for a valid draft; the nasty strings and random Unicode come in as mutations.</summary>
    private static readonly Gen<string> Text = Gen.Select(Gen.Char['a', 'z'].Array[1, 12], Gen.Char['a', 'z'].Array[0, 12],
        (first, second) => second.Length == 0 ? new string(first) : $"{new string(first)} {new string(second)}");

    private static readonly Gen<JsonNode?> AnyJson = Gen.OneOf(
        Text.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const<JsonNode?>(() => null),
        Text.Select(s => (JsonNode?)new JsonObject { ["field"] = s }));

    private static Gen<string> Pick(IReadOnlyList<string> values) => Gen.Int[0, values.Count - 1].Select(i => values[i]);

    private static Gen<string> Pick(Func<IReadOnlyList<string>> values) =>
        Gen.Int[0, int.MaxValue].Select(i => values() is { Count: > 0 } list ? list[i % list.Count] : "unknown");

    // ---- Mutations --------------------------------------------------------------------------------------------------

    private static Gen<(string Kind, Draft Draft)> MutateParameter(List<IOpenApiParameter> parameters, Draft draft) =>
        Gen.Select(Gen.Int[0, parameters.Count - 1], HostileScalar, Gen.Int[0, 9], (index, value, drop) =>
        {
            var parameter = parameters[index];
            var values = new Dictionary<IOpenApiParameter, string?>(draft.Parameters);
            // Dropping a path parameter would address another route; every other parameter may go missing.
            if (drop == 0 && parameter.In != ParameterLocation.Path)
            {
                values[parameter] = null;
                return ($"parameter {parameter.Name} missing", draft with { Parameters = values });
            }
            values[parameter] = value.Text;
            return ($"parameter {parameter.Name}: {value.Kind} {Preview(value.Text)}", draft with { Parameters = values });
        });

    /// <summary>Hostile values for a parameter (as text) or a body field (as raw JSON of any type).</summary>
    private static readonly Gen<(string Kind, string Text)> HostileScalar = Gen.Frequency(
        (4, Pick(NastyStrings.All).Select(s => ("nasty string", s))),
        (1, Gen.OneOf("-1", "0", "-2147483649", "2147483648", "9223372036854775808", "99999999999999999999999999", "1e400", "1.5", "-0").Select(s => ("huge or negative number", s))),
        (1, Gen.Int[1000, 20000].Select(n => ("very long string", new string('x', n)))),
        (1, Gen.Int[100, 2000].Select(n => ("very long unicode string", string.Concat(Enumerable.Repeat("习近平😀\u202e", n))))),
        (1, Gen.String.Select(s => ("random unicode", s))));

    private static readonly Gen<(string Kind, string Raw)> HostileJson = Gen.Frequency(
        (4, Pick(NastyStrings.All).Select(s => ("nasty string", JsonSerializer.Serialize(s, Relaxed)))),
        (2, Gen.OneOf("1e400", "-1e400", "99999999999999999999999999999", "-1", "-2147483649", "2147483648", "9223372036854775808", "1.5", "-0", "0.0000000001")
            .Select(s => ("huge or negative number", s))),
        (2, Gen.OneOf("123", "true", "false", "{}", "[]", "[1,2]", "{\"a\":1}", "\"text\"", "null").Select(s => ("wrong type", s))),
        (1, Gen.Int[10_000, 200_000].Select(n => ("very long string", "\"" + new string('a', n) + "\""))),
        (1, Gen.Int[100, 2000].Select(n => ("very long array", "[" + string.Join(',', Enumerable.Repeat("\"x\"", n)) + "]"))),
        (1, Gen.OneOf(10_000, 70, 65).Select(n => ("deeply nested JSON", new string('[', n) + new string(']', n)))),
        (1, Gen.Const(("deeply nested JSON", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)))),
        (1, Gen.OneOf("NaN", "Infinity", "undefined", "'single'", "\"unterminated", "01", "+1", ".5", "0x10", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"")
            .Select(s => ("not JSON", s))));

    /// <summary>Every place in the body a value sits: the path to it, as property names and array indexes.</summary>
    private static List<object[]> Slots(JsonNode? node, object[] path)
    {
        var slots = new List<object[]>();
        if (path.Length > 0) slots.Add(path);
        if (node is JsonObject obj)
            foreach (var (key, value) in obj) slots.AddRange(Slots(value, [.. path, key]));
        else if (node is JsonArray array)
            for (var i = 0; i < array.Count; i++) slots.AddRange(Slots(array[i], [.. path, i]));
        return slots;
    }

    private static JsonNode Parent(JsonNode root, object[] path)
    {
        var node = root;
        foreach (var step in path[..^1]) node = step is string key ? node[key]! : node[(int)step]!;
        return node;
    }

    private static string Preview(string raw) => JsonSerializer.Serialize(raw.Length <= 40 ? raw : raw[..40] + "…");

    private static string PathText(object[] path) => string.Concat(path.Select(p => p is string s ? "." + s : $"[{p}]")).TrimStart('.');

    private static Gen<Mutated> MutateValue(JsonNode? body)
    {
        var slots = Slots(body, []);
        if (body is null || slots.Count == 0) return HostileJson.Select(h => new Mutated($"body: {h.Kind}", new Draft(new Dictionary<IOpenApiParameter, string?>(), body), Encoding.UTF8.GetBytes(h.Raw)));
        return Gen.Select(Gen.Int[0, slots.Count - 1], HostileJson, (index, hostile) =>
        {
            var path = slots[index];
            var copy = body.DeepClone();
            var parent = Parent(copy, path);
            if (path[^1] is string key) parent[key] = Slot;
            else parent[(int)path[^1]] = Slot;
            var text = copy.ToJsonString(Relaxed).Replace($"\"{Slot}\"", hostile.Raw, StringComparison.Ordinal);
            return new Mutated($"{PathText(path)}: {hostile.Kind} {Preview(hostile.Raw)}", new Draft(new Dictionary<IOpenApiParameter, string?>(), body), Encoding.UTF8.GetBytes(text));
        }).Select(m => m);
    }

    private static Gen<Mutated> MissingField(JsonNode? body, IOpenApiSchema schema)
    {
        var required = Required(schema).Where(r => body is JsonObject o && o.ContainsKey(r)).ToList();
        var optional = Slots(body, []).Where(p => p[^1] is string).ToList();
        if (body is not JsonObject || (required.Count == 0 && optional.Count == 0)) return MutateValue(body);
        var removeRequired = Pick(required.Count > 0 ? required : ["-"]).Select(name => (object[])[name]);
        var removeAny = Gen.Int[0, Math.Max(0, optional.Count - 1)].Select(i => optional.Count > 0 ? optional[i] : (object[])["-"]);
        return Gen.Frequency((required.Count > 0 ? 3 : 0, removeRequired), (optional.Count > 0 ? 1 : 0, removeAny)).Select(path =>
        {
            var copy = body.DeepClone();
            if (Parent(copy, path) is JsonObject parent) parent.Remove((string)path[^1]);
            return new Mutated($"missing {PathText(path)}", new Draft(new Dictionary<IOpenApiParameter, string?>(), body), Serialize(copy));
        });
    }

    private static Gen<Mutated> ExtraField(JsonNode? body)
    {
        var objects = Slots(body, []).Where(p => Parent(body!, [.. p, "x"]) is JsonObject).Prepend([]).ToList();
        if (body is not JsonObject) return MutateValue(body);
        return Gen.Select(Gen.Int[0, objects.Count - 1], Gen.OneOf("unexpectedField", "__proto__", "constructor", "$type", "Id", "TITLE", "id "), HostileJson,
            (index, name, hostile) =>
            {
                var copy = body.DeepClone();
                var target = objects[index].Length == 0 ? copy : Parent(copy, [.. objects[index], "x"]);
                if (target is JsonObject o && !o.ContainsKey(name)) o[name] = Slot;
                var text = copy.ToJsonString(Relaxed).Replace($"\"{Slot}\"", hostile.Raw, StringComparison.Ordinal);
                return new Mutated($"extra field {PathText([.. objects[index], name])}: {hostile.Kind} {Preview(hostile.Raw)}", new Draft(new Dictionary<IOpenApiParameter, string?>(), body), Encoding.UTF8.GetBytes(text));
            });
    }

    /// <summary>The body as a whole: invalid UTF-8, deep nesting, the wrong JSON shape or content type, nothing at all.</summary>
    private static Gen<Mutated> WholeBody(Draft draft)
    {
        var valid = Serialize(draft.Body);
        Mutated With(string kind, byte[]? body, string? contentType = "application/json") => new(kind, draft, body, contentType);
        return Gen.Frequency(
            (3, Gen.Int[0, Math.Max(0, valid.Length - 1)].Select(at => With("invalid UTF-8 in the body",
                [.. valid[..at], 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, .. valid[at..]]))),
            (1, Gen.Const(() => With("invalid UTF-8 in a string", Encoding.UTF8.GetBytes("{\"title\":\"").Concat(new byte[] { 0xC0, 0xAF, 0xF8, 0x88 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray()))),
            (2, Gen.OneOf(10_000, 1000).Select(n => With($"body nested {n} deep", Encoding.UTF8.GetBytes(new string('[', n) + new string(']', n))))),
            (1, Gen.Const(() => With("body nested 10000 objects deep", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000))))),
            (2, Gen.OneOf("", "null", "[]", "\"text\"", "42", "{", "}", "{\"a\":}", "{}", "\uFEFF{}", "{\"title\":\"x\",\"title\":\"y\"}").Select(text => With($"body '{text}'", Encoding.UTF8.GetBytes(text)))),
            (1, Gen.Int[0, Math.Max(0, valid.Length - 1)].Select(at => With("truncated body", valid[..at]))),
            (2, Gen.OneOf<string?>("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=latin1", "application/problem+json", "*/*", null)
                .Select(type => With($"content type {type ?? "absent"}", valid, type))));
    }

    // ---- Schema reading ---------------------------------------------------------------------------------------------

    private static IEnumerable<IOpenApiSchema> SelfAndAllOf(IOpenApiSchema schema) => [schema, .. (schema.AllOf ?? []).SelectMany(SelfAndAllOf)];

    private static JsonSchemaType TypeOf(IOpenApiSchema schema) =>
        SelfAndAllOf(schema).Select(s => s.Type & ~JsonSchemaType.Null).FirstOrDefault(t => t is not null and not 0) ?? 0;

    private static bool Nullable(IOpenApiSchema schema) => schema.Type?.HasFlag(JsonSchemaType.Null) == true;

    private static string? FormatOf(IOpenApiSchema schema) => SelfAndAllOf(schema).Select(s => s.Format).FirstOrDefault(f => f is not null);

    private static IList<JsonNode>? Enum(IOpenApiSchema schema) => SelfAndAllOf(schema).Select(s => s.Enum).FirstOrDefault(e => e is { Count: > 0 });

    private static IOpenApiSchema? ItemsOf(IOpenApiSchema schema) => SelfAndAllOf(schema).Select(s => s.Items).FirstOrDefault(i => i is not null);

    private static List<KeyValuePair<string, IOpenApiSchema>> Properties(IOpenApiSchema schema) =>
        SelfAndAllOf(schema).SelectMany(s => s.Properties ?? new Dictionary<string, IOpenApiSchema>()).DistinctBy(p => p.Key).ToList();

    private static HashSet<string> Required(IOpenApiSchema schema) =>
        SelfAndAllOf(schema).SelectMany(s => s.Required ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal);
}
