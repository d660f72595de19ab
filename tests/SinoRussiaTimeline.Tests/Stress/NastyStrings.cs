namespace SinoRussiaTimeline.Tests.Stress;

/// <summary>
/// Strings that have broken services before: injections, control characters, Unicode edge cases, numbers in disguise
/// and EDTF-looking garbage. Written here rather than downloaded, so the corpus is fixed and reviewed.
/// </summary>
internal static class NastyStrings
{
    public static readonly string[] All =
    [
        // SQL injection
        "'; drop table mt_events; --",
        "1 OR 1=1",
        "' OR '1'='1",
        "\" OR \"\"=\"",
        "1; select pg_sleep(10); --",
        "'); delete from mt_streams; --",
        "%' and 1=0 union select version() --",
        "$$; drop schema public cascade; $$",
        "\\'; truncate mt_events; --",
        // Script and markup injection
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "{{7*7}}",
        "${jndi:ldap://127.0.0.1/a}",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%00",
        "%2e%2e%2f",
        // Control characters and null bytes
        "\0",
        "a\0b",
        "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\v\f\r",
        "\u001b[31mred\u001b[0m",
        "line\r\nInjected-Header: yes",
        "\u007f\u0080\u009f",
        // Unicode edge cases
        "\u202eevil\u202c",
        "\u200f\u200e\u200b\u200c\u200d\u2060\ufeff",
        "😀👨‍👩‍👧‍👦🏳️‍🌈",
        "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
        "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",
        "ﷺ ﷽",
        "𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐",
        "\uffff\ufffe\ufffd",
        "习近平 Си Цзиньпин",
        "Ⅻ ½ ² ①",
        "İıŞş ß ẞ",
        // Numbers and keywords in disguise
        "NaN",
        "Infinity",
        "-0",
        "1e400",
        "99999999999999999999999999999999",
        "-9223372036854775809",
        "0x7fffffff",
        "null",
        "undefined",
        "true",
        "[]",
        "{}",
        "",
        " ",
        "   \t  ",
        // EDTF-looking garbage
        "2018-02-30",
        "2018-13",
        "2018-00-00",
        "/",
        "../..",
        "2018-04-01/2017-01-01",
        "2018-04~?%",
        "-99999-01-01",
        "99999999",
        "2018-04-03T25:61:61Z",
        "Y-170000002",
        "2018-21",
        "[2018,2019]",
        "{2018..2020}",
        "2018-04-03/..//..",
        "2018?~%?~%",
        "0000-00-00",
        "2018-W15",
        "20180403",
        "2018-4-3",
    ];
}
