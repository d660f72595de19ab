using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace SinoRussiaTimeline.ApiDocument;

/// <summary>
/// The <c>openapi [FILE]</c> verb: writes the OpenAPI document the service serves at <c>/swagger/v1/swagger.json</c>,
/// without starting the server or opening a database connection, so the document can be linted or handed to a client
/// generator on a machine with no PostgreSQL.
/// </summary>
public static class OpenApiCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        // Endpoints reach the API explorer through routing, which the host wires up only when the server starts.
        app.UseRouting();
        app.UseEndpoints(_ => { });

        var document = app.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");
        var version = app.Services.GetRequiredService<IOptions<SwaggerOptions>>().Value.OpenApiVersion;
        var json = await document.SerializeAsJsonAsync(version);

        var file = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (file is null)
        {
            Console.WriteLine(json);
            return 0;
        }
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory) Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(file, json);
        Console.WriteLine($"openapi: wrote {document.Paths.Count} paths to {file}");
        return 0;
    }
}
