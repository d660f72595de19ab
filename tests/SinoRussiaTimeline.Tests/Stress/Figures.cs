namespace SinoRussiaTimeline.Tests.Stress;

/// <summary>
/// The figures a stress test reports (requests, acknowledgements, faults, 5xx). Each goes to the test's output as one line
/// starting with <c>[figures]</c>, which scripts/test.sh gathers from the reports and prints after the run.
/// </summary>
internal static class Figures
{
    public static void Report(string test, string figures) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"[figures] {test}: {figures}");
}
