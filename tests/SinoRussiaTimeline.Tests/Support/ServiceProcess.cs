using System.Diagnostics;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// What a process of the app's own dll that a test starts runs with, beyond its configuration: what deploy/Dockerfile's
/// image gives every process of the app, <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (socket completions run
/// on the thread that polled them; docs/performance.md, "Inline socket completions"). Set on the child's environment
/// only, never on the test process: the setting is process-wide, and Microsoft.Testing.Platform's pipe to its test host
/// deadlocks when the test process runs with it.
/// </summary>
internal static class ServiceProcess
{
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets the image's environment on <paramref name="start"/> (the child's, not this process's).</summary>
    public static ProcessStartInfo AsShipped(this ProcessStartInfo start)
    {
        start.Environment[InlineCompletions] = "1";
        return start;
    }
}
