using System.Net;
using System.Text.Json;
using CsCheck;
using Microsoft.OpenApi;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Stress;

/// <summary>
/// Every operation of the service's own OpenAPI document, fed generated and hostile input (see <see cref="HostileInputs"/>
/// and <see cref="NastyStrings"/>) against the real service on the seed data: no 5xx, only statuses the document declares
/// for the operation, problem details on every error, and a rejected request appends nothing to the log.
/// </summary>
public sealed class HostileInputTests(SeededTimelineApp app) : IClassFixture<SeededTimelineApp>
{
    /// <summary>Requests per operation: about 2,000 in all, a few seconds each hundred on this machine.</summary>
    private const int PerOperation = 110;

    /// <summary>Rebuilding every view takes a while and has no input to vary.</summary>
    private const int PerRebuild = 3;

    /// <summary>Fixed, so a failure can be replayed exactly; set TIMELINE_HOSTILE_SEED to explore other inputs.</summary>
    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("TIMELINE_HOSTILE_SEED"), out var seed) ? seed : 20181127;

    [Fact]
    public async Task Generated_and_hostile_requests_get_only_documented_statuses_and_problem_details_and_rejected_ones_write_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        // A key with both roles, so that the audit routes are reached too, not only refused with 403.
        var client = app.CreateClientWithKey(TestKeys.EditorAndAuditor.Key);

        var read = await OpenApiDocument.LoadAsync(await client.GetStreamAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative), ct), "json", cancellationToken: ct);
        read.Diagnostic?.Errors.ShouldBeEmpty("the service's OpenAPI document reads without errors");
        var document = read.Document!;

        var known = new KnownIds();
        foreach (var official in (await client.GetOkJsonAsync("/api/officials?limit=500")).GetProperty("items").EnumerateArray())
        {
            var country = official.GetProperty("country").GetString()!;
            if (!known.OfficialsByCountry.TryGetValue(country, out var ids)) known.OfficialsByCountry[country] = ids = [];
            ids.Add(official.Id());
        }
        known.Entries.AddRange((await client.GetOkJsonAsync("/api/timeline?limit=500")).ItemIds());
        known.Entries.ShouldNotBeEmpty("the seed data's entries");
        var inputs = new HostileInputs(known);

        var run = new Tally();
        var events = await app.EventCountAsync();
        var operationIndex = 0u;
        foreach (var (path, item) in document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var name = $"{method.Method} {path}";
                var declared = (operation.Responses ?? []).Keys.ToHashSet(StringComparer.Ordinal);
                var gen = inputs.For(path, method, operation);
                var pcg = new PCG(++operationIndex, Seed);
                var count = operation.OperationId == "RebuildProjections" ? PerRebuild : PerOperation;
                for (var i = 0; i < count; i++)
                {
                    var request = gen.Generate(pcg, null, out _);
                    using var response = await client.SendAsync(request.ToMessage(), ct);
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync(ct);
                    run.Count(name, status);

                    if (status >= 500) run.ServerErrors.Add($"{status} for {request}: {Clip(body)}");
                    if (!declared.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                        run.Undeclared.Add($"{name} answered {status}, which its document does not list ({string.Join(", ", declared.Order())}), for {request}: {Clip(body)}");
                    if (status >= 400 && ProblemDefect(response, status, body) is { } defect)
                        run.NotProblems.Add($"{name} answered {status} {defect}, for {request}: {Clip(body)}");

                    if (method == HttpMethod.Post)
                    {
                        var after = await app.EventCountAsync();
                        var appended = after - events;
                        events = after;
                        run.Appended += appended;
                        if (status == 201)
                        {
                            run.Acknowledged++;
                            if (appended != 1) run.WrongAppends.Add($"{name} answered 201 and appended {appended} events, for {request}");
                            if (response.Headers.Location?.OriginalString is { } location && location.StartsWith("/api/entries/", StringComparison.Ordinal))
                                known.Entries.Add(location["/api/entries/".Length..].Split('/')[0]);
                        }
                        else if (appended != 0)
                        {
                            run.WrongAppends.Add($"{name} answered {status} yet appended {appended} events, for {request}");
                        }
                    }
                }
            }
        }

        Figures.Report("hostile input", $"seed {Seed}; " + run.Summary());
        var defects = new[]
        {
            Listing("5xx answers", run.ServerErrors), Listing("statuses the document does not declare", run.Undeclared),
            Listing("errors that are not problem details", run.NotProblems), Listing("writes that appended the wrong number of events", run.WrongAppends),
        }.Where(d => d is not null).ToList();
        defects.ShouldBeEmpty(string.Join("\n\n", defects));
        run.Appended.ShouldBe(run.Acknowledged, "events appended = 201 answers × 1 event each");
        run.Acknowledged.ShouldBeGreaterThan(0, "some generated writes are valid and accepted");
    }

    /// <summary>What makes an error answer not an RFC 9457 problem with its title and status, or null.</summary>
    private static string? ProblemDefect(HttpResponseMessage response, int status, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}";
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            if (!problem.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(title.GetString()))
                return "without a title";
            if (!problem.TryGetProperty("status", out var stated) || stated.ValueKind != JsonValueKind.Number || stated.GetInt32() != status)
                return "without its status";
            return null;
        }
        catch (JsonException)
        {
            return "with a body that is not JSON";
        }
    }

    private static string Clip(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static string? Listing(string what, List<string> items) => items.Count == 0 ? null :
        $"{items.Count} {what}:\n" + string.Join("\n", items.Take(25)) + (items.Count > 25 ? $"\n… and {items.Count - 25} more" : "");

    /// <summary>What the run saw.</summary>
    private sealed class Tally
    {
        private readonly SortedDictionary<string, SortedDictionary<int, int>> _byOperation = new(StringComparer.Ordinal);

        public List<string> ServerErrors { get; } = [];
        public List<string> Undeclared { get; } = [];
        public List<string> NotProblems { get; } = [];
        public List<string> WrongAppends { get; } = [];
        public long Appended { get; set; }
        public long Acknowledged { get; set; }

        public void Count(string operation, int status)
        {
            if (!_byOperation.TryGetValue(operation, out var statuses)) _byOperation[operation] = statuses = [];
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        public string Summary()
        {
            var total = _byOperation.Values.Sum(s => s.Values.Sum());
            var histogram = _byOperation.Values.SelectMany(s => s).GroupBy(s => s.Key).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Sum(s => s.Value)}");
            var perOperation = _byOperation.Select(o => $"{o.Key} {o.Value.Values.Sum()} ({string.Join(" ", o.Value.Select(s => $"{s.Key}×{s.Value}"))})");
            return $"{total} inputs over {_byOperation.Count} operations; statuses {string.Join(" ", histogram)}; {ServerErrors.Count} 5xx; "
                   + $"{Undeclared.Count} undeclared; {Acknowledged} writes acknowledged, {Appended} events appended. Per operation: {string.Join("; ", perOperation)}";
        }
    }
}
