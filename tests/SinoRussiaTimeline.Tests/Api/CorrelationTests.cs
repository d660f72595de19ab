using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

/// <summary>The recorded clock: who and when is set by the server, and a request's correlation id follows its events.</summary>
public sealed class CorrelationTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supplied_correlation_id_is_echoed_and_carried_by_every_event_the_request_appends()
    {
        var officialId = await Given.OfficialAsync("Wei Fenghe", "CN");
        var body = Bodies.Visit([officialId], "RU", "2018-04");

        var response = await SendAsync(HttpMethod.Post, "/api/visits", body, "abc-123");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["abc-123"]);
        var entryId = (await response.ReadJsonAsync()).Id();
        var events = await StreamAsync(entryId);
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e.CorrelationId == "abc-123");
    }

    [Fact]
    public async Task Each_request_tags_its_own_events_so_an_official_s_stream_shows_which_request_wrote_what()
    {
        var id = "wang-yi-" + Guid.NewGuid().ToString("N")[..6];

        (await SendAsync(HttpMethod.Post, "/api/officials", Bodies.Official("Wang Yi", "CN", id), "register-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await SendAsync(HttpMethod.Post, $"/api/officials/{id}/offices", Bodies.Office("Foreign Minister", "2013-03-16"), "office-2"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await StreamAsync(id)).Select(e => e.CorrelationId).ShouldBe(["register-1", "office-2"]);
    }

    [Fact]
    public async Task Without_a_correlation_id_the_server_makes_one_returns_it_and_stores_it_on_the_events()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/arms-deliveries", Bodies.ArmsDelivery("RU", "CN", "2018-04"), null);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var generated = response.Headers.GetValues("X-Correlation-Id").ShouldHaveSingleItem();
        generated.ShouldNotBeNullOrWhiteSpace();
        (await StreamAsync((await response.ReadJsonAsync()).Id())).ShouldAllBe(e => e.CorrelationId == generated);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("<script>")]
    public async Task An_unacceptable_correlation_id_is_replaced_not_echoed(string supplied)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/timeline?limit=1", null, supplied);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var returned = response.Headers.GetValues("X-Correlation-Id").ShouldHaveSingleItem();
        returned.ShouldNotBe(supplied);
        returned.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task An_overlong_correlation_id_is_replaced_not_echoed()
    {
        var supplied = new string('a', 101);

        var response = await SendAsync(HttpMethod.Get, "/api/timeline?limit=1", null, supplied);

        response.Headers.GetValues("X-Correlation-Id").ShouldHaveSingleItem().ShouldNotBe(supplied);
    }

    [Fact]
    public async Task A_problem_answer_echoes_the_correlation_id_in_its_header_and_body()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/visits", new JsonObject(), "bad-request-7");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "officialIds", "hostCountry", "date", "title", "sources");
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["bad-request-7"]);
        problem.GetProperty("correlationId").GetString().ShouldBe("bad-request-7");
    }

    [Fact]
    public async Task Every_stored_event_has_a_recorded_time_set_by_the_server_when_it_was_written()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var official = await Given.OfficialAsync("Sergei Shoigu", "RU");
        await Given.OfficeAsync(official, "Minister of Defence", "2012-11-06");
        var visit = await Given.VisitAsync(official, "CN", "2018-04-03");
        await Given.JointStatementAsync(["CN", "RU"], "2018-04-04");
        var after = DateTimeOffset.UtcNow.AddSeconds(5);

        await using var session = app.Store.QuerySession();
        var all = await session.Events.QueryAllRawEvents().ToListAsync(Ct);
        all.ShouldNotBeEmpty();
        all.ShouldAllBe(e => e.Timestamp != default);
        foreach (var e in (await StreamAsync(official)).Concat(await StreamAsync(visit.Id())))
            e.Timestamp.ShouldBeInRange(before, after);
        visit.GetProperty("recordedAt").GetDateTimeOffset().ShouldBe((await StreamAsync(visit.Id()))[0].Timestamp, TimeSpan.FromMilliseconds(1));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, JsonNode? body, string? correlationId)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null) request.Content = JsonContent.Create(body);
        if (correlationId is not null) request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlationId);
        return await _client.SendAsync(request, Ct);
    }

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> StreamAsync(string streamId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.FetchStreamAsync(streamId, token: Ct);
    }
}
