using System.Text.Json.Nodes;
using Bogus;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// Valid request bodies as clients send them (JSON objects, so a test can spoil one field and keep the rest valid).
/// Filler text comes from Bogus with a fixed seed per body, so a failing run can be repeated exactly.
/// </summary>
public static class Bodies
{
    private static int _seed;

    private static Faker Faker() => new("en") { Random = new Randomizer(Interlocked.Increment(ref _seed)) };

    public static JsonObject Source()
    {
        var faker = Faker();
        return new JsonObject
        {
            ["title"] = faker.Lorem.Sentence(6).TrimEnd('.'),
            ["publisher"] = faker.Company.CompanyName(),
            ["publishedOn"] = "2018-06-08",
            ["url"] = $"https://news.example.org/{faker.Lorem.Slug(4)}",
            ["language"] = "en",
            ["quote"] = faker.Lorem.Sentence(12),
        };
    }

    public static JsonArray Sources() => [Source()];

    public static JsonObject Official(string en, string country, string? id = null, string? zh = null, string? ru = null, params string[] aliases)
    {
        var names = new JsonObject { ["en"] = en };
        if (zh is not null) names["zh"] = zh;
        if (ru is not null) names["ru"] = ru;
        var body = new JsonObject { ["names"] = names, ["country"] = country };
        if (id is not null) body["id"] = id;
        if (aliases.Length > 0) body["aliases"] = Array(aliases);
        return body;
    }

    public static JsonObject Office(string title, string from, string? to = null)
    {
        var body = new JsonObject { ["title"] = title, ["from"] = from, ["sources"] = Sources() };
        if (to is not null) body["to"] = to;
        return body;
    }

    public static JsonObject Visit(IEnumerable<string> officialIds, string hostCountry, string date, string? title = null)
    {
        var faker = Faker();
        return new JsonObject
        {
            ["officialIds"] = Array(officialIds),
            ["hostCountry"] = hostCountry,
            ["city"] = faker.Address.City(),
            ["date"] = date,
            ["title"] = title ?? "Visit " + faker.Lorem.Sentence(5).TrimEnd('.'),
            ["description"] = faker.Lorem.Sentence(15),
            ["visitType"] = "official",
            ["tags"] = Array(["defence"]),
            ["sources"] = Sources(),
        };
    }

    public static JsonObject ArmsDelivery(string supplier, string recipient, string date, string system = "Su-35S")
    {
        var faker = Faker();
        return new JsonObject
        {
            ["supplier"] = supplier,
            ["recipient"] = recipient,
            ["system"] = system,
            ["category"] = "aircraft",
            ["quantity"] = 10,
            ["quantityApproximate"] = false,
            ["date"] = date,
            ["contract"] = new JsonObject { ["name"] = "2015 contract", ["signedOn"] = "2015-11" },
            ["title"] = $"{system} delivery " + faker.Lorem.Word(),
            ["description"] = faker.Lorem.Sentence(12),
            ["sources"] = Sources(),
        };
    }

    public static JsonObject JointStatement(IEnumerable<string> countries, string date, IEnumerable<string>? signatoryIds = null, string? title = null)
    {
        var faker = Faker();
        var body = new JsonObject
        {
            ["countries"] = Array(countries),
            ["title"] = title ?? "Joint statement on " + faker.Lorem.Sentence(4).TrimEnd('.'),
            ["date"] = date,
            ["place"] = new JsonObject { ["country"] = "RU", ["city"] = "Moscow" },
            ["summary"] = faker.Lorem.Sentence(15),
            ["sources"] = Sources(),
        };
        if (signatoryIds is not null) body["signatoryIds"] = Array(signatoryIds);
        return body;
    }

    public static JsonArray Array(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];
}
