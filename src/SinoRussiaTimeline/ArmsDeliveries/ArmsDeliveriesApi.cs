using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.ArmsDeliveries;

public static class ArmsDeliveriesApi
{
    public static IEndpointRouteBuilder MapArmsDeliveries(this IEndpointRouteBuilder app)
    {
        app.MapRecording<RecordArmsDelivery>("/api/arms-deliveries", "Arms deliveries", "Record an arms delivery from a supplier to a recipient country.");
        return app;
    }
}
