using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Visits;

public static class VisitsApi
{
    public static IEndpointRouteBuilder MapVisits(this IEndpointRouteBuilder app)
    {
        app.MapRecording<RecordVisit>("/api/visits", "Visits", "Record a visit: officials of one country in a host country.");
        return app;
    }
}
