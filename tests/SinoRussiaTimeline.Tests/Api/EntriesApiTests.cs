using System.Net;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class EntriesApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Fact]
    public async Task Reading_an_entry_answers_it_as_recorded_with_its_version_as_etag()
    {
        var wei = await Given.OfficialAsync("Wei Fenghe", "CN");
        var recorded = await Given.VisitAsync(wei, "RU", "2018-04-03", "Wei Fenghe meets Sergei Shoigu");

        var response = await _client.GetUrlAsync($"/api/entries/{recorded.Id()}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var entry = await response.ReadJsonAsync();
        entry.Id().ShouldBe(recorded.Id());
        entry.GetProperty("kind").GetString().ShouldBe("visit");
        entry.GetProperty("title").GetString().ShouldBe("Wei Fenghe meets Sergei Shoigu");
        entry.GetProperty("status").GetString().ShouldBe("active");
        entry.GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task An_entry_id_in_upper_case_finds_the_same_entry()
    {
        var statement = await Given.JointStatementAsync(["CN", "RU"], "2018-06-08");

        var entry = await _client.GetOkJsonAsync($"/api/entries/{statement.Id().ToUpperInvariant()}");

        entry.Id().ShouldBe(statement.Id());
    }

    [Fact]
    public async Task Reading_an_unknown_entry_is_a_404_problem()
    {
        var response = await _client.GetUrlAsync($"/api/entries/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    [InlineData("0193f1c2-7b1e-7c3a-9d2e-4f5a6b7c8d9")]
    public async Task Reading_an_entry_by_something_that_is_not_a_UUID_is_a_400_naming_the_id(string id)
    {
        var response = await _client.GetUrlAsync($"/api/entries/{id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "id");
    }
}
