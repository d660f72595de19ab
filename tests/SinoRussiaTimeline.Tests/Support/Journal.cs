using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// What an editor does through the API, in one call each: register officials and offices, record visits, correct and
/// retract entries with If-Match. Every write asserts its status and shows the response body when it differs, so a
/// failing test says what the service answered.
/// </summary>
internal static class Journal
{
    /// <summary>A slug no other test of the class uses, so tests sharing a fixture never see each other's officials.</summary>
    public static string Slug(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..10]}";

    public static object Source(string title, string publisher = "Xinhua", string? publishedOn = null) => new { title, publisher, publishedOn };

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static async Task RegisterOfficialAsync(this HttpClient client, string id, string name, string country)
    {
        var response = await client.PostAsJsonAsync("/api/officials", new { id, names = new { en = name }, country }, Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    public static async Task RecordOfficeAsync(this HttpClient client, string officialId, string title, string from, string? to = null)
    {
        var response = await client.PostAsJsonAsync($"/api/officials/{officialId}/offices", new
        {
            title, from, to, sources = new[] { Source($"{title} appointed") },
        }, Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    /// <summary>Records a visit abroad and returns the entry as the 201 answered it.</summary>
    public static Task<JsonElement> RecordVisitAsync(
        this HttpClient client, string officialId, string hostCountry, string date, string title, string? city = null, string[]? hostOfficialIds = null) =>
        client.PostCreatedAsync("/api/visits", new
        {
            officialIds = new[] { officialId },
            hostCountry,
            city,
            hostOfficialIds,
            date,
            title,
            sources = new[] { Source($"Report: {title}") },
        });

    public static async Task<JsonElement> PostCreatedAsync(this HttpClient client, string route, object body)
    {
        var response = await client.PostAsJsonAsync(route, body, Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    /// <summary>POST /api/entries/{id}/corrections with If-Match sent exactly as given (null: no header at all).</summary>
    public static Task<HttpResponseMessage> CorrectAsync(this HttpClient client, string entryId, string? ifMatch, object body, string? correlationId = null) =>
        client.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{entryId}/corrections") { Content = JsonContent.Create(body) }, ifMatch, correlationId), Ct);

    /// <summary>POST /api/entries/{id}/retraction with If-Match sent exactly as given (null: no header at all).</summary>
    public static Task<HttpResponseMessage> RetractAsync(this HttpClient client, string entryId, string? ifMatch, string reason, string? correlationId = null) =>
        client.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Post, $"/api/entries/{entryId}/retraction") { Content = JsonContent.Create(new { reason }) }, ifMatch, correlationId), Ct);

    /// <summary>A correction of the given fields, with a reason and one new source; asserts 201 and returns the entry as it now stands.</summary>
    public static async Task<JsonElement> CorrectedAsync(this HttpClient client, JsonElement entry, object changes, string reason = "The ministry's own release says otherwise.")
    {
        var response = await client.CorrectAsync(Id(entry), ETag(Version(entry)), new { changes, reason, sources = new[] { Source("Ministry release", "Ministry of National Defense") } });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> RetractedAsync(this HttpClient client, JsonElement entry, string reason = "The visit was announced but never took place.")
    {
        var response = await client.RetractAsync(Id(entry), ETag(Version(entry)), reason);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string route)
    {
        var response = await client.GetAsync(route, Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    /// <summary>The body as text, after asserting 200: views compared byte for byte.</summary>
    public static async Task<string> GetTextAsync(this HttpClient client, string route)
    {
        var response = await client.GetAsync(route, Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    public static string Id(JsonElement entry) => entry.GetProperty("id").GetString()!;

    public static long Version(JsonElement entry) => entry.GetProperty("version").GetInt64();

    public static string Edtf(JsonElement entry) => entry.GetProperty("date").GetProperty("edtf").GetString()!;

    public static string Status(JsonElement entry) => entry.GetProperty("status").GetString()!;

    public static async Task ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered: {body}");
        }
    }

    /// <summary>Asserts a problem+json answer with this status and returns the problem.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ShouldHaveStatusAsync(expected);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.ReadJsonAsync();
    }

    /// <summary>Asserts 400 naming exactly these fields (and no others) and returns the problem.</summary>
    public static async Task<JsonElement> ShouldRejectFieldsAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)
            .ShouldBe(fields.Order(StringComparer.Ordinal), $"errors: {errors}");
        foreach (var field in fields) errors.GetProperty(field).EnumerateArray().ShouldAllBe(m => m.GetString()!.Length > 0);
        return problem;
    }

    private static HttpRequestMessage WithHeaders(HttpRequestMessage request, string? ifMatch, string? correlationId)
    {
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (correlationId is not null) request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlationId);
        return request;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

/// <summary>
/// Instants of the recorded clock for asOf. The service runs in the test process, so its clock is ours; a short pause on
/// each side separates the instant from the writes around it (recorded timestamps have microsecond precision).
/// </summary>
internal static class RecordedInstant
{
    public static async Task<DateTimeOffset> BetweenWritesAsync()
    {
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var instant = DateTimeOffset.UtcNow;
        await Task.Delay(50, TestContext.Current.CancellationToken);
        return instant;
    }

    /// <summary>The instant as an RFC 3339 query value (UTC, microseconds), escaped.</summary>
    public static string Query(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture));
}

/// <summary>The audit routes as an auditor uses them.</summary>
internal static class AuditTrail
{
    public sealed record Head(long Sequence, string Hash, long EventsChained, long LatestSequence);

    /// <summary>
    /// The chain is extended asynchronously: waits (30 s at most) until it covers every stored event, and returns the head.
    /// </summary>
    public static async Task<Head> WaitForChainAsync(this HttpClient client, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Head head;
        while (true)
        {
            head = await (await client.GetAsync("/api/audit/head", TestContext.Current.CancellationToken)).ReadAsync<Head>();
            if (head.Sequence == head.LatestSequence) return head;
            if (started.Elapsed > limit) break;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException(
            $"The audit chain did not catch up within {limit.TotalSeconds:F0} s: it covers sequence {head.Sequence} ({head.EventsChained} events) "
            + $"but the log holds sequence {head.LatestSequence}. Is the async daemon (AuditChain subscription) running?");
    }

    /// <summary>GET /api/audit/events as text, after asserting 200 and the NDJSON content type.</summary>
    public static async Task<string> ExportAsync(this HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/audit/events" + query, TestContext.Current.CancellationToken);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/x-ndjson");
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public static List<JsonElement> Lines(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static Task<SinoRussiaTimeline.Audit.VerificationResult> VerifyOfflineAsync(string ndjson, string? head, string? start = null) =>
        SinoRussiaTimeline.Audit.OfflineVerifier.VerifyAsync(new StringReader(ndjson), head, start, TestContext.Current.CancellationToken);

    /// <summary>
    /// Runs the built app's <c>verify</c> verb as its own process on a file holding the export, as an auditor would:
    /// <c>dotnet SinoRussiaTimeline.dll verify FILE --head HASH</c>. The app's dll sits beside the test assembly.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunVerifyVerbAsync(string ndjson, string head)
    {
        var file = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(file, ndjson, new UTF8Encoding(false), TestContext.Current.CancellationToken);
        try
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "SinoRussiaTimeline.dll");
            File.Exists(dll).ShouldBeTrue($"the app is built beside the tests: {dll}");
            var start = new System.Diagnostics.ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                ArgumentList = { dll, "verify", file, "--head", head },
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, (await output) + (await error));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>SQL run straight against the test database, as the connection string's (super)user: what no API allows.</summary>
internal static class Superuser
{
    public static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(TestDatabase database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
