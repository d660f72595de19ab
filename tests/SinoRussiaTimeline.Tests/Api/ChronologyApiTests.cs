using System.Net;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class ChronologyApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Theory]
    [InlineData("2018-04-03", "2018-05", "before")]
    [InlineData("2018-05", "2018-04-03", "after")]
    [InlineData("2013", "2018-04", "before")]
    [InlineData("2018-04-03", "2018-04-03", "sameDay")]
    [InlineData("2018-04-01/2018-04-08", "2018-04-01/2018-04-05", "overlapping")]
    [InlineData("2018-04-01/2018-04-08", "2018-04-01", "overlapping")]
    [InlineData("2018-04", "2018-04-10", "indeterminate")]
    [InlineData("2018-04-10", "2018-04", "indeterminate")]
    [InlineData("2018", "2018-04", "indeterminate")]
    [InlineData("2018-04-30", "2018-05~", "before")]
    public async Task The_relation_between_two_entries_follows_from_their_dates_with_the_reason(string dateA, string dateB, string relation)
    {
        var a = (await Given.JointStatementAsync(["CN", "RU"], dateA)).Id();
        var b = (await Given.JointStatementAsync(["CN", "RU"], dateB)).Id();

        var answer = await _client.GetOkJsonAsync($"/api/chronology?a={a}&b={b}");

        answer.GetProperty("relation").GetString().ShouldBe(relation);
        var reason = answer.GetProperty("reason").GetString()!;
        reason.ShouldContain(dateA);
        reason.ShouldContain(dateB);
        answer.GetProperty("a").Id().ShouldBe(a);
        answer.GetProperty("b").Id().ShouldBe(b);
    }

    [Fact]
    public async Task An_indeterminate_answer_says_the_dates_overlap_and_why()
    {
        var month = (await Given.JointStatementAsync(["CN", "RU"], "2018-04")).Id();
        var day = (await Given.JointStatementAsync(["CN", "RU"], "2018-04-03")).Id();

        var answer = await _client.GetOkJsonAsync($"/api/chronology?a={month}&b={day}");

        answer.GetProperty("relation").GetString().ShouldBe("indeterminate");
        answer.GetProperty("reason").GetString()!.ShouldStartWith("2018-04 and 2018-04-03 overlap");
    }

    [Fact]
    public async Task Comparing_with_an_unknown_entry_is_a_404_naming_the_parameter()
    {
        var known = (await Given.JointStatementAsync(["CN", "RU"], "2018-04")).Id();
        var unknown = Guid.NewGuid();

        var problemB = await (await _client.GetUrlAsync($"/api/chronology?a={known}&b={unknown}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var problemA = await (await _client.GetUrlAsync($"/api/chronology?a={unknown}&b={known}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problemB.GetProperty("detail").GetString()!.ShouldContain("parameter b");
        problemA.GetProperty("detail").GetString()!.ShouldContain("parameter a");
    }

    [Theory]
    [InlineData("b={0}", "a")]
    [InlineData("a={0}", "b")]
    [InlineData("a={0}&b=not-a-uuid", "b")]
    [InlineData("a=42&b={0}", "a")]
    [InlineData("", "a,b")]
    public async Task A_missing_or_invalid_entry_id_is_a_400_naming_it(string query, string fields)
    {
        var known = (await Given.JointStatementAsync(["CN", "RU"], "2018-04")).Id();

        var response = await _client.GetUrlAsync("/api/chronology?" + string.Format(System.Globalization.CultureInfo.InvariantCulture, query, known));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, fields.Split(','));
    }
}
