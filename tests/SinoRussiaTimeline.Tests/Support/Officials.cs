using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>Officials and a source as the pure decision code sees them, without a store.</summary>
internal static class Known
{
    public static readonly Source Article = new(
        "Moscow Meetings Highlight Deepening Sino-Russian Defense Ties", "China-US Focus", "2018-06-08",
        "http://www.chinausfocus.com/foreign-policy/moscow-meetings-highlight-deepening-sino-russian-defense-ties", "en");

    public static Official Official(string id, string country, string name) => new() { Id = id, Country = country, Names = new OfficialNames(name) };

    public static readonly Official XiJinping = Official("xi-jinping", "CN", "Xi Jinping");
    public static readonly Official WeiFenghe = Official("wei-fenghe", "CN", "Wei Fenghe");
    public static readonly Official WangYi = Official("wang-yi", "CN", "Wang Yi");
    public static readonly Official VladimirPutin = Official("vladimir-putin", "RU", "Vladimir Putin");
    public static readonly Official SergeiShoigu = Official("sergei-shoigu", "RU", "Sergei Shoigu");
    public static readonly Official AlexanderLukashenko = Official("alexander-lukashenko", "BY", "Alexander Lukashenko");

    public static IReadOnlyDictionary<string, Official> Of(params Official[] officials) =>
        officials.ToDictionary(o => o.Id, StringComparer.Ordinal);
}
