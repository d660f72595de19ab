using System.Globalization;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>ETags carry the stream version, so a client can send it back in If-Match to prove what it last saw.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
