using System.Globalization;

namespace SinoRussiaTimeline.Dates;

// The grammar is small enough that a hand-written scanner gives better error messages than a regex would.
internal static class EdtfSyntax
{
    public const string Expected =
        "write the date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2018, 2018-04 or 2018-04-03), optionally followed by one of ?, ~ or %";

    /// <summary>Why these values make no calendar point, or null when they do.</summary>
    public static string? CheckPoint(int year, int? month, int? day, EdtfQualifier qualifier)
    {
        if (year is < 1 or > 9999)
        {
            return year == 0
                ? "year 0000 is not supported: years run from 0001 to 9999"
                : $"year {EdtfText.Number(year)} is not supported: years run from 0001 to 9999";
        }

        if (month is null && day is not null)
        {
            return "a day needs a month";
        }

        if (month is { } m && m is < 1 or > 12)
        {
            return $"month {m.ToString("D2", CultureInfo.InvariantCulture)} does not exist";
        }

        if (day is { } d)
        {
            var length = DateTime.DaysInMonth(year, month!.Value);
            if (d < 1)
            {
                return $"day {d.ToString("D2", CultureInfo.InvariantCulture)} does not exist";
            }

            if (d > length)
            {
                return $"{EdtfText.MonthName(month.Value)} {EdtfText.Number(year)} has {EdtfText.Number(length)} days";
            }
        }

        return Enum.IsDefined(qualifier) ? null : $"qualifier {qualifier} does not exist";
    }

    /// <summary>Parses one point such as <c>2018-04~</c>; on failure returns the reason, phrased to follow a colon.</summary>
    public static string? TryParsePoint(string s, out EdtfPoint? point)
    {
        point = null;
        if (UnsupportedOrFreeText(s) is { } problem)
        {
            return problem;
        }

        var body = s.TrimEnd('?', '~', '%');
        var marks = s[body.Length..];
        if (body.AsSpan().IndexOfAny('?', '~', '%') >= 0)
        {
            return "a qualifier inside the date (EDTF level 2) is an unsupported EDTF form: put one ?, ~ or % at the end, e.g. 2018-04~";
        }

        if (marks.Length > 1)
        {
            return "only one qualifier may follow a date: use % for uncertain and approximate together";
        }

        var parts = body.Split('-');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return Expected;
        }

        if (parts[0].Length != 4)
        {
            return "the year must have exactly 4 digits, from 0001 to 9999";
        }

        if (parts.Length > 1 && parts[1].Length != 2)
        {
            return "the month must have 2 digits, e.g. 2018-04";
        }

        if (parts.Length > 2 && parts[2].Length != 2)
        {
            return "the day must have 2 digits, e.g. 2018-04-03";
        }

        var year = Digits(parts[0]);
        int? month = parts.Length > 1 ? Digits(parts[1]) : null;
        int? day = parts.Length > 2 ? Digits(parts[2]) : null;
        if (month is >= 21 and <= 41)
        {
            return $"{body} is a season (months 21 to 41), an unsupported EDTF form: give the months instead, e.g. 2018-03/2018-05";
        }

        var qualifier = marks switch
        {
            "?" => EdtfQualifier.Uncertain,
            "~" => EdtfQualifier.Approximate,
            "%" => EdtfQualifier.UncertainAndApproximate,
            _ => EdtfQualifier.None,
        };
        if (CheckPoint(year, month, day, qualifier) is { } invalid)
        {
            return invalid;
        }

        point = new EdtfPoint(year, month, day, qualifier);
        return null;
    }

    // Recognises the EDTF and ISO forms that are deliberately not supported, so the message can say so.
    private static string? UnsupportedOrFreeText(string s)
    {
        var startsWithDigit = char.IsAsciiDigit(s[0]);
        if (s.Length > 1 && s[0] is 'Y' or 'y' && (char.IsAsciiDigit(s[1]) || s[1] == '-'))
        {
            return "years written with a Y prefix are an unsupported EDTF form: years run from 0001 to 9999";
        }

        if (startsWithDigit && s.AsSpan().IndexOfAny('T', 't', ':') >= 0)
        {
            return "times of day are an unsupported EDTF form: give the day only, e.g. 2018-04-03";
        }

        if (s.AsSpan().IndexOfAny('X', 'x') >= 0 && s.All(c => char.IsAsciiDigit(c) || c is 'X' or 'x' or '-' or '?' or '~' or '%'))
        {
            return "unspecified digits (X) are an unsupported EDTF form: give only what is known, e.g. 2018 rather than 2018-XX";
        }

        if (s.AsSpan().IndexOfAny("[]{}") >= 0)
        {
            return "sets of dates ([...] or {...}) are an unsupported EDTF form: record one date or an interval";
        }

        if (s.Any(char.IsLetter))
        {
            return "free text is not accepted: " + Expected;
        }

        if (s[0] == '-' && s.Length > 1 && char.IsAsciiDigit(s[1]))
        {
            return "negative years are an unsupported EDTF form: years run from 0001 to 9999";
        }

        if (s.Any(char.IsWhiteSpace))
        {
            return "spaces are not allowed inside a date: " + Expected;
        }

        return null;
    }

    private static int Digits(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
