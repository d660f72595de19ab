using System.Security.Cryptography;
using System.Text;

namespace SinoRussiaTimeline.Entries;

/// <summary>Entry ids are UUIDs (their streams' keys): time-ordered when generated, name-based when derived from a seed key.</summary>
public static class EntryIds
{
    // Fixed namespace for name-based ids of seed entries (RFC 9562 version 5), so a seed key always maps to one id.
    private static readonly Guid SeedNamespace = new("6f1c9a52-3d1e-4b7e-9a43-2f0c8d5e7b11");

    public static string For(Guid? supplied) => (supplied ?? Guid.CreateVersion7()).ToString("D");

    public static Guid FromSeedKey(string key) => NameBased(SeedNamespace, key);

    /// <summary>An RFC 9562 version 5 (name-based) UUID: the same namespace and name always give the same id.</summary>
    public static Guid NameBased(Guid namespaceId, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + bytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        bytes.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 specifies for version 5 ids; it is not used for security here.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static bool IsValid(string? id) => Guid.TryParseExact(id, "D", out _);
}
