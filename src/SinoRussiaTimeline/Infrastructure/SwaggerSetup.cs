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
