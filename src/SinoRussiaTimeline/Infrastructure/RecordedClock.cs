namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// The recorded clock: the server's time, cut to the microsecond that PostgreSQL stores. Marten stamps events with it,
/// so a view built at write time and the same view rebuilt from the stored log show the very same instants (.NET ticks
/// are ten times finer than a timestamptz).
/// </summary>
public sealed class RecordedClock : TimeProvider
{
    public static readonly RecordedClock Instance = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }
}
