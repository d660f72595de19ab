using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Idempotency;

/// <summary>
/// A client that lost an answer retries with the same Idempotency-Key and gets the first answer again; nothing is
/// recorded twice, however many retries arrive and however they race.
/// </summary>
public sealed class IdempotentWritesTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>
{
    private const string Replayed = "Idempotent-Replayed";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = app.CreateClient();

    private static string NewKey() => Guid.NewGuid().ToString();

    private static string Delivery(Action<JsonObject>? with = null)
    {
        var body = Bodies.ArmsDelivery("RU", "CN", "2018-04");
        with?.Invoke(body);
        return body.ToJsonString();
    }

    private static HttpRequestMessage Post(string url, string body, string? key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key).ShouldBeTrue();
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return request;
    }

    private async Task<Answer> SendAsync(string url, string body, string? key, string? ifMatch = null, HttpClient? client = null)
    {
        using var request = Post(url, body, key, ifMatch);
        using var response = await (client ?? _client).SendAsync(request, Ct);
        return await Answer.ReadAsync(response);
    }

    /// <summary>What a client sees of an answer: status, the headers that matter here, and the body's exact text.</summary>
    private sealed record Answer(HttpStatusCode Status, string? Location, string? ETag, string? ContentType, string Body, bool WasReplayed)
    {
        public static async Task<Answer> ReadAsync(HttpResponseMessage response) => new(
            response.StatusCode,
            response.Headers.Location?.OriginalString,
            response.Headers.ETag?.Tag,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync(Ct),
            response.Headers.TryGetValues(Replayed, out var values) && values.Single() == "true");

        /// <summary>The same answer as <paramref name="first"/>, as a client compares them (the replay marker aside).</summary>
        public void ShouldRepeat(Answer first)
        {
            (Status, Location, ETag, ContentType, Body).ShouldBe((first.Status, first.Location, first.ETag, first.ContentType, first.Body));
            WasReplayed.ShouldBeTrue("a repeated answer says so in Idempotent-Replayed");
        }
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_again_and_records_nothing()
    {
        var key = NewKey();
        var body = Delivery();

        var first = await SendAsync("/api/arms-deliveries", body, key);
        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        first.WasReplayed.ShouldBeFalse();
        var events = await app.EventCountAsync();

        var retry = await SendAsync("/api/arms-deliveries", body, key);

        retry.ShouldRepeat(first);
        first.Location.ShouldStartWith("/api/entries/");
        first.ETag.ShouldBe("\"1\"");
        (await app.EventCountAsync()).ShouldBe(events);
        var entryId = JsonDocument.Parse(first.Body).RootElement.Id();
        (await _client.GetOkJsonAsync($"/api/entries/{entryId}/history")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422_and_records_nothing()
    {
        var key = NewKey();
        var body = Delivery();
        var first = await SendAsync("/api/arms-deliveries", body, key);
        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        var events = await app.EventCountAsync();

        using var request = Post("/api/arms-deliveries", Delivery(b => b["quantity"] = 12), key);
        using var response = await _client.SendAsync(request, Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString()!.ShouldContain("different body");
        (await app.EventCountAsync()).ShouldBe(events);
        (await SendAsync("/api/arms-deliveries", body, key)).ShouldRepeat(first);
    }

    [Fact]
    public async Task Different_keys_record_two_entries()
    {
        var body = Delivery();
        var events = await app.EventCountAsync();

        var first = await SendAsync("/api/arms-deliveries", body, NewKey());
        var second = await SendAsync("/api/arms-deliveries", body, NewKey());

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        second.Status.ShouldBe(HttpStatusCode.Created, second.Body);
        second.WasReplayed.ShouldBeFalse();
        second.Location.ShouldNotBe(first.Location);
        (await app.EventCountAsync()).ShouldBe(events + 2);
    }

    [Fact]
    public async Task Without_a_key_a_repeated_write_records_twice_as_before()
    {
        var body = Delivery();
        var events = await app.EventCountAsync();

        var first = await SendAsync("/api/arms-deliveries", body, key: null);
        var second = await SendAsync("/api/arms-deliveries", body, key: null);

        second.Status.ShouldBe(HttpStatusCode.Created, second.Body);
        second.WasReplayed.ShouldBeFalse();
        second.Location.ShouldNotBe(first.Location);
        (await app.EventCountAsync()).ShouldBe(events + 2);
    }

    [Fact]
    public async Task One_key_sent_to_two_routes_makes_two_independent_writes()
    {
        var key = NewKey();

        var delivery = await SendAsync("/api/arms-deliveries", Delivery(), key);
        var statement = await SendAsync("/api/joint-statements", Bodies.JointStatement(["CN", "RU"], "2019-06-05").ToJsonString(), key);

        delivery.Status.ShouldBe(HttpStatusCode.Created, delivery.Body);
        statement.Status.ShouldBe(HttpStatusCode.Created, statement.Body);
        statement.WasReplayed.ShouldBeFalse();
        JsonDocument.Parse(statement.Body).RootElement.GetProperty("kind").GetString().ShouldBe("jointStatement");
    }

    [Fact]
    public async Task Eight_parallel_requests_with_one_key_record_once_and_all_get_the_same_answer()
    {
        var key = NewKey();
        var body = Delivery();
        var events = await app.EventCountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync("/api/arms-deliveries", body, key, client: app.CreateClient())));

        (await app.EventCountAsync()).ShouldBe(events + 1);
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created, string.Join("\n", answers.Select(a => $"{a.Status} {a.Body}")));
        var original = answers.Single(a => !a.WasReplayed);
        foreach (var answer in answers.Where(a => a.WasReplayed)) answer.ShouldRepeat(original);
    }

    [Fact]
    public async Task After_a_rejected_first_attempt_a_corrected_retry_with_the_same_key_is_recorded()
    {
        var key = NewKey();
        var events = await app.EventCountAsync();

        var rejected = await SendAsync("/api/arms-deliveries", Delivery(b => b["date"] = "2018-02-30"), key);
        rejected.Status.ShouldBe(HttpStatusCode.BadRequest, rejected.Body);
        var corrected = await SendAsync("/api/arms-deliveries", Delivery(), key);

        corrected.Status.ShouldBe(HttpStatusCode.Created, corrected.Body);
        corrected.WasReplayed.ShouldBeFalse();
        (await app.EventCountAsync()).ShouldBe(events + 1);
    }

    [Fact]
    public async Task A_write_that_fails_when_saved_leaves_no_key_behind_so_its_retry_runs_again()
    {
        var taken = Guid.NewGuid().ToString();
        (await SendAsync("/api/arms-deliveries", Delivery(b => b["id"] = taken), NewKey())).Status.ShouldBe(HttpStatusCode.Created);
        var key = NewKey();
        var duplicate = Delivery(b => b["id"] = taken);
        var events = await app.EventCountAsync();

        var conflict = await SendAsync("/api/arms-deliveries", duplicate, key);
        var again = await SendAsync("/api/arms-deliveries", duplicate, key);
        var fresh = await SendAsync("/api/arms-deliveries", Delivery(), key);

        conflict.Status.ShouldBe(HttpStatusCode.Conflict, conflict.Body);
        again.Status.ShouldBe(HttpStatusCode.Conflict, again.Body);
        again.WasReplayed.ShouldBeFalse("a failure is not stored, so the retry ran again");
        // Had the 409 been stored under the key, a different body would be a 422.
        fresh.Status.ShouldBe(HttpStatusCode.Created, fresh.Body);
        (await app.EventCountAsync()).ShouldBe(events + 1);
    }

    [Fact]
    public async Task When_storing_the_key_fails_the_events_of_its_write_are_not_kept_either()
    {
        var entryId = Guid.NewGuid().ToString();
        var key = NewKey();
        var body = Delivery(b => b["id"] = entryId);
        var events = await app.EventCountAsync();

        Answer failed;
        await RunSqlAsync($"""
            create function "{app.Schema}".refuse_idempotency_record() returns trigger language plpgsql as $$
            begin raise exception 'disk full (injected by the test)'; end $$;
            create trigger refuse before insert on "{app.Schema}".mt_doc_idempotencyrecord
              for each row execute function "{app.Schema}".refuse_idempotency_record();
            """);
        try
        {
            failed = await SendAsync("/api/arms-deliveries", body, key);
        }
        finally
        {
            await RunSqlAsync($"""
                drop trigger refuse on "{app.Schema}".mt_doc_idempotencyrecord;
                drop function "{app.Schema}".refuse_idempotency_record();
                """);
        }

        failed.Status.ShouldBe(HttpStatusCode.InternalServerError, failed.Body);
        (await app.EventCountAsync()).ShouldBe(events);
        (await _client.GetUrlAsync($"/api/entries/{entryId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var retry = await SendAsync("/api/arms-deliveries", body, key);

        retry.Status.ShouldBe(HttpStatusCode.Created, retry.Body);
        retry.WasReplayed.ShouldBeFalse();
        retry.Location.ShouldBe($"/api/entries/{entryId}");
        (await app.EventCountAsync()).ShouldBe(events + 1);
    }

    public static TheoryData<string, string> UnusableKeys => new()
    {
        { "blank", "   " },
        { "201 characters", new string('k', 201) },
        { "not ASCII", "ключ-1" },
        { "a control character", "key\u0001one" },
    };

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public async Task An_unusable_key_is_refused_with_400_naming_the_header_and_nothing_is_recorded(string what, string key)
    {
        var events = await app.EventCountAsync();

        using var request = Post("/api/arms-deliveries", Delivery(), key);
        using var response = await _client.SendAsync(request, Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        (await app.EventCountAsync()).ShouldBe(events, what);
    }

    [Fact]
    public async Task A_key_of_200_printable_characters_is_accepted()
    {
        var key = (NewKey() + " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + new string('x', 200))[..200];

        var answer = await SendAsync("/api/arms-deliveries", Delivery(), key);

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Body);
    }

    [Fact]
    public async Task A_retried_correction_gets_its_first_answer_instead_of_412_and_corrects_once()
    {
        var entry = await SendAsync("/api/arms-deliveries", Delivery(), NewKey());
        var entryId = JsonDocument.Parse(entry.Body).RootElement.Id();
        var url = $"/api/entries/{entryId}/corrections";
        var correction = new JsonObject
        {
            ["changes"] = new JsonObject { ["quantity"] = 12 },
            ["reason"] = "The ministry's release gives twelve.",
            ["sources"] = Bodies.Sources(),
        }.ToJsonString();
        var key = NewKey();

        var first = await SendAsync(url, correction, key, ifMatch: "\"1\"");
        var events = await app.EventCountAsync();
        var retry = await SendAsync(url, correction, key, ifMatch: "\"1\"");
        var otherVersion = await SendAsync(url, correction, key, ifMatch: "\"2\"");

        first.Status.ShouldBe(HttpStatusCode.Created, first.Body);
        first.ETag.ShouldBe("\"2\"");
        retry.ShouldRepeat(first);
        otherVersion.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, otherVersion.Body);
        otherVersion.Body.ShouldContain("If-Match");
        (await app.EventCountAsync()).ShouldBe(events);
        (await _client.GetOkJsonAsync($"/api/entries/{entryId}")).GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task A_retried_registration_and_office_get_their_first_answers_instead_of_409()
    {
        var id = "wei-fenghe-" + Guid.NewGuid().ToString("N")[..6];
        var official = Bodies.Official("Wei Fenghe", "CN", id).ToJsonString();
        var office = Bodies.Office("Minister of National Defence", "2018-03-19").ToJsonString();
        var (officialKey, officeKey) = (NewKey(), NewKey());

        var registered = await SendAsync("/api/officials", official, officialKey);
        var officeRecorded = await SendAsync($"/api/officials/{id}/offices", office, officeKey);
        var events = await app.EventCountAsync();

        registered.Status.ShouldBe(HttpStatusCode.Created, registered.Body);
        officeRecorded.Status.ShouldBe(HttpStatusCode.Created, officeRecorded.Body);
        (await SendAsync("/api/officials", official, officialKey)).ShouldRepeat(registered);
        (await SendAsync($"/api/officials/{id}/offices", office, officeKey)).ShouldRepeat(officeRecorded);
        (await app.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task The_OpenAPI_document_offers_the_key_on_every_write_and_on_no_read()
    {
        var document = await _client.GetOkJsonAsync("/swagger/v1/swagger.json");

        var writes = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
            var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
            var key = parameters.SingleOrDefault(p => p.GetProperty("name").GetString() == "Idempotency-Key");
            if (operation.Name != "post" || path.Name == "/api/admin/rebuild")
            {
                key.ValueKind.ShouldBe(JsonValueKind.Undefined, $"{name} should not take Idempotency-Key");
                continue;
            }
            writes++;
            key.ValueKind.ShouldBe(JsonValueKind.Object, $"{name} does not document Idempotency-Key");
            key.GetProperty("in").GetString().ShouldBe("header");
            key.GetProperty("schema").GetProperty("maxLength").GetInt32().ShouldBe(200);
            var responses = operation.Value.GetProperty("responses");
            responses.GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue($"{name} does not document 422");
            responses.GetProperty("201").GetProperty("headers").TryGetProperty(Replayed, out _).ShouldBeTrue($"{name} does not document {Replayed}");
            responses.GetProperty("409").GetProperty("headers").TryGetProperty("Retry-After", out _).ShouldBeTrue($"{name} does not document Retry-After on 409");
        }
        writes.ShouldBe(7);
    }

    private async Task RunSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
