using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// The real service, in memory, on a schema of its own in the run's PostgreSQL. Use it as a class fixture. The event
/// table is append-only (a trigger refuses deletes), so a test that needs an empty store takes a fixture of its own.
/// </summary>
public class TimelineApp(TestDatabase database) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string Schema { get; } = "test_" + Guid.NewGuid().ToString("N")[..12];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Timeline", database.ConnectionString);
        builder.UseSetting("Timeline:Schema", Schema);
        builder.UseSetting("Timeline:Seed:OnStartup", SeedOnStartup ? "true" : "false");
        builder.UseEnvironment("Production");
    }

    /// <summary>Start with the seed data set loaded, as <c>make run</c> does.</summary>
    protected virtual bool SeedOnStartup => false;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public async ValueTask InitializeAsync() => _ = await Task.FromResult(Server);

    /// <summary>How many events the store holds: tests of rejected input assert that it does not change.</summary>
    public async Task<long> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DropSchemaAsync(Schema);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The service with the seed data set loaded at start-up.</summary>
public sealed class SeededTimelineApp(TestDatabase database) : TimelineApp(database)
{
    protected override bool SeedOnStartup => true;
}

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(TimelineApp.Json))!;

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TimelineApp.Json);
}
