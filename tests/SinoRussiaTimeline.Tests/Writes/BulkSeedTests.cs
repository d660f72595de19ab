using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Seeding;
using SinoRussiaTimeline.Tests.Support;
using Shouldly;

namespace SinoRussiaTimeline.Tests.Writes;

/// <summary>
/// The seed verb writes entries in batches, yet a store loaded from a file reads exactly like one built through the API
/// one request at a time; loading again adds nothing; and a bad entry stops the load before any entry is written.
/// </summary>
public sealed class BulkSeedTests(TimelineApp app, TestDatabase database) : IClassFixture<TimelineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Chinese = ["bulk-cn-a", "bulk-cn-b", "bulk-cn-c"];
    private static readonly string[] Russian = ["bulk-ru-a", "bulk-ru-b"];

    /// <summary>Officials (with offices), visits in scrambled date order at every precision, an arms delivery and a joint statement.</summary>
    private static JsonObject SeedFile()
    {
        var officials = new JsonArray();
        foreach (var (id, i) in Chinese.Select((id, i) => (id, i)))
        {
            var official = Bodies.Official($"Bulk Chinese {i}", "CN", id);
            official["offices"] = new JsonArray(Bodies.Office($"Minister {i}", $"201{i}-03-1{i}"));
            officials.Add(official);
        }
        foreach (var (id, i) in Russian.Select((id, i) => (id, i))) officials.Add(Bodies.Official($"Bulk Russian {i}", "RU", id));

        string[] dates = ["2015", "2012-05", "2016-07-04", "2013-03", "2011-11-30", "2014", "2017-02-01", "2013-03-20", "2019-09", "2010"];
        var visits = new JsonArray();
        for (var n = 0; n < 23; n++)
        {
            var (visitors, host, hostOfficials) = n % 3 == 2
                ? (new[] { Russian[n % 2] }, "CN", new[] { Chinese[n % 3] })
                : (n % 5 == 0 ? [Chinese[0], Chinese[1]] : new[] { Chinese[n % 3] }, "RU", new[] { Russian[n % 2] });
            var visit = Bodies.Visit(visitors, host, dates[n % dates.Length], $"Bulk visit {n}");
            visit["hostOfficialIds"] = Bodies.Array(hostOfficials);
            visit["key"] = $"bulk-visit-{n}";
            visits.Add(visit);
        }
        var delivery = Bodies.ArmsDelivery("RU", "CN", "2015-11");
        delivery["key"] = "bulk-delivery";
        var statement = Bodies.JointStatement(["CN", "RU"], "2019-06-05", [Chinese[0], Russian[0]], "Bulk statement");
        statement["key"] = "bulk-statement";
        return new JsonObject
        {
            ["officials"] = officials, ["visits"] = visits, ["armsDeliveries"] = new JsonArray(delivery), ["jointStatements"] = new JsonArray(statement),
        };
    }

    [Fact]
    public async Task A_bulk_import_reads_exactly_like_the_same_items_recorded_through_the_API_one_by_one()
    {
        var file = SeedFile();
        await using var bulk = new TimelineApp(database);
        await bulk.InitializeAsync();
        var loader = bulk.Services.GetRequiredService<SeedLoader>();
        loader.BatchSize = 4; // several batches, some with one official's visits in more than one
        var report = await loader.LoadAsync(await WriteAsync(file), Ct);
        report.Added.ShouldBe(5 + 3 + 23 + 2);

        await using var oneByOne = new TimelineApp(database);
        await oneByOne.InitializeAsync();
        var client = oneByOne.CreateClient();
        foreach (var official in file["officials"]!.AsArray().Select(o => o!.DeepClone().AsObject()))
        {
            var offices = official["offices"] as JsonArray;
            official.Remove("offices");
            (await client.PostAsJsonAsync("/api/officials", official, Ct)).EnsureSuccessStatusCode();
            foreach (var office in offices ?? [])
                (await client.PostAsJsonAsync($"/api/officials/{official["id"]}/offices", office, Ct)).EnsureSuccessStatusCode();
        }
        foreach (var (section, route) in new[] { ("visits", "/api/visits"), ("armsDeliveries", "/api/arms-deliveries"), ("jointStatements", "/api/joint-statements") })
        {
            foreach (var item in file[section]!.AsArray().Select(i => i!.DeepClone().AsObject()))
            {
                item["id"] = EntryIds.FromSeedKey(item["key"]!.GetValue<string>()).ToString("D");
                item.Remove("key");
                (await client.PostAsJsonAsync(route, item, Ct)).EnsureSuccessStatusCode();
            }
        }

        var bulkClient = bulk.CreateClient();
        string[] views =
        [
            "/api/timeline?limit=100", "/api/first-overseas-trips?country=CN", "/api/first-overseas-trips?country=RU",
            .. Chinese.Concat(Russian).Select(id => $"/api/officials/{id}/itinerary"),
            .. Chinese.Select(id => $"/api/officials/{id}/first-overseas-trips"),
        ];
        foreach (var view in views)
        {
            var expected = Comparable(await client.GetStringAsync(view, Ct));
            var actual = Comparable(await bulkClient.GetStringAsync(view, Ct));
            actual.ShouldBe(expected, view);
        }
        (await bulkClient.GetFromJsonAsync<JsonElement>("/api/timeline?limit=100", Ct)).GetProperty("items").GetArrayLength().ShouldBe(25);
    }

    [Fact]
    public async Task Loading_a_bulk_file_again_adds_nothing()
    {
        await app.ResetAsync();
        var loader = app.Services.GetRequiredService<SeedLoader>();
        var path = await WriteAsync(SeedFile());
        var first = await loader.LoadAsync(path, Ct);
        var timeline = await app.CreateClient().GetStringAsync("/api/timeline?limit=100", Ct);

        var again = await loader.LoadAsync(path, Ct);

        again.Added.ShouldBe(0);
        again.AlreadyPresent.ShouldBe(first.Added);
        (await app.CreateClient().GetStringAsync("/api/timeline?limit=100", Ct)).ShouldBe(timeline);
    }

    [Fact]
    public async Task An_entry_naming_an_unknown_official_is_named_in_the_error_and_no_entry_is_written()
    {
        await app.ResetAsync();
        var file = SeedFile();
        file["visits"]![17]!["officialIds"] = Bodies.Array(["nobody-known"]);
        var loader = app.Services.GetRequiredService<SeedLoader>();

        var error = await Should.ThrowAsync<SeedFileException>(() => loader.LoadAsync(WriteAsync(file).Result, Ct));

        error.Problems.ShouldContain(p => p.StartsWith("visits[17].officialIds[0]:") && p.Contains("nobody-known"));
        error.Message.ShouldContain("no entry");
        var timeline = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/timeline?limit=100", Ct);
        timeline.GetProperty("items").GetArrayLength().ShouldBe(0, "the entries before the bad one were not written either");
    }

    [Fact]
    public async Task Officials_are_recorded_in_one_transaction_so_a_failure_on_the_last_leaves_none_of_the_files_officials()
    {
        await app.ResetAsync();
        var s = app.Schema;
        // The last official of the file fails as it is stored (as a lost connection or a refused row would), after the
        // officials and offices before it went through their commands.
        await Superuser.ExecuteAsync(database, $$"""
            create function "{{s}}".official_test_fail() returns trigger language plpgsql as $f$ begin raise exception 'forced failure of an official'; end $f$;
            create trigger official_test_fail before insert on "{{s}}".mt_doc_official for each row when (new.id = '{{Russian[^1]}}') execute function "{{s}}".official_test_fail();
            """);
        var loader = app.Services.GetRequiredService<SeedLoader>();
        var path = await WriteAsync(SeedFile());

        try
        {
            var error = await Should.ThrowAsync<Marten.Exceptions.MartenCommandException>(() => loader.LoadAsync(path, Ct));
            error.InnerException.ShouldBeOfType<Npgsql.PostgresException>().MessageText.ShouldBe("forced failure of an official");

            foreach (var id in Chinese.Concat(Russian))
                (await app.CreateClient().GetAsync($"/api/officials/{id}", Ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound, id);
        }
        finally
        {
            // The class shares one store: the trigger must not outlive this test, whatever it found.
            await Superuser.ExecuteAsync(database, $"drop trigger official_test_fail on \"{s}\".mt_doc_official; drop function \"{s}\".official_test_fail()");
        }
        var report = await loader.LoadAsync(path, Ct);
        report.AlreadyPresent.ShouldBe(0, "nothing of the failed load stayed");
        (await app.CreateClient().GetAsync($"/api/officials/{Russian[^1]}", Ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    private static async Task<string> WriteAsync(JsonObject file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bulk-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, file.ToJsonString(), Ct);
        return path;
    }

    /// <summary>The view without the instants of recording, which differ between two stores written at different times.</summary>
    private static string Comparable(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return node.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var key in o.Select(p => p.Key).Where(k => k is "recordedAt" or "lastRecordedAt" or "asOf").ToList()) o.Remove(key);
                    foreach (var (_, value) in o) Strip(value);
                    break;
                case JsonArray a:
                    foreach (var item in a) Strip(item);
                    break;
            }
        }
    }
}
