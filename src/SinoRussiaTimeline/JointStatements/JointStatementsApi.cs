using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.JointStatements;

public static class JointStatementsApi
{
    public static IEndpointRouteBuilder MapJointStatements(this IEndpointRouteBuilder app)
    {
        app.MapRecording<RecordJointStatement>("/api/joint-statements", "Joint statements", "Record a joint statement of two or more countries.");
        return app;
    }
}
