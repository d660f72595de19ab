using System.Text.Json;
using System.Text.Json.Nodes;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// Puts facts in the store through the public API, as a client would: officials, offices and entries. Official ids get
/// a random suffix, so tests sharing a fixture never collide.
/// </summary>
public sealed class Given(HttpClient client)
{
    /// <summary>Registers an official and returns the id.</summary>
    public async Task<string> OfficialAsync(string en, string country, string? zh = null, string? ru = null, params string[] aliases)
    {
        var id = string.Join('-', en.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "-" + Guid.NewGuid().ToString("N")[..6];
        var official = await client.PostCreatedAsync("/api/officials", Bodies.Official(en, country, id, zh, ru, aliases));
        return official.Id();
    }

    public async Task<JsonElement> OfficeAsync(string officialId, string title, string from, string? to = null) =>
        await client.PostCreatedAsync($"/api/officials/{officialId}/offices", Bodies.Office(title, from, to));

    public async Task<JsonElement> VisitAsync(string officialId, string hostCountry, string date, string? title = null, Action<JsonObject>? with = null) =>
        await VisitAsync([officialId], hostCountry, date, title, with);

    public async Task<JsonElement> VisitAsync(string[] officialIds, string hostCountry, string date, string? title = null, Action<JsonObject>? with = null)
    {
        var body = Bodies.Visit(officialIds, hostCountry, date, title);
        with?.Invoke(body);
        return await client.PostCreatedAsync("/api/visits", body);
    }

    public async Task<JsonElement> ArmsDeliveryAsync(string supplier, string recipient, string date, Action<JsonObject>? with = null)
    {
        var body = Bodies.ArmsDelivery(supplier, recipient, date);
        with?.Invoke(body);
        return await client.PostCreatedAsync("/api/arms-deliveries", body);
    }

    public async Task<JsonElement> JointStatementAsync(string[] countries, string date, string[]? signatoryIds = null, string? title = null, Action<JsonObject>? with = null)
    {
        var body = Bodies.JointStatement(countries, date, signatoryIds, title);
        with?.Invoke(body);
        return await client.PostCreatedAsync("/api/joint-statements", body);
    }
}
