using System.Globalization;
using System.Text;

namespace SinoRussiaTimeline;

/// <summary>Case- and diacritics-insensitive matching: "Shoygu", "SHOYGU" and "Shoygú" all fold to "shoygu".</summary>
public static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = WellFormed(text).Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    // Normalization throws on a lone surrogate or U+FFFE, which any client can send (a search for "\uFFFE" was a 500):
    // those fold to U+FFFD, the replacement character, like any other text that cannot be read.
    private static string WellFormed(string text)
    {
        if (!text.Any(c => char.IsSurrogate(c) || c == '\uFFFE')) return text;
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) builder.Append(rune.Value == 0xFFFE ? Rune.ReplacementChar : rune);
        return builder.ToString();
    }

    /// <summary>A URL-safe id from a name: "Xi Jinping" becomes "xi-jinping"; empty when nothing Latin remains.</summary>
    public static string Slugify(string? text)
    {
        var folded = Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        // Ids must start with a letter (so they can never look like an entry's UUID).
        while (slug.Length > 0 && !char.IsAsciiLetter(slug[0])) slug = slug[1..].TrimStart('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }
}
