using System.Globalization;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>ETags carry the stream version, so a client can send it back in If-Match to prove what it last saw.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version a client names in If-Match: 428 when absent, 400 when it is not one of our ETags.</summary>
    public static long RequiredVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
            throw new PreconditionMissingException("Send If-Match with the entry's ETag (from GET /api/entries/{id}), so a change made since you read it is never overwritten.");
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (long.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0) return version;
        throw RequestValidationException.For("If-Match", $"'{ValidationRules.Truncate(header)}' is not an ETag of this service; send the ETag of GET /api/entries/{{id}}, e.g. \"3\".");
    }
}
