using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class OfficialsApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();
    private Given Given => new(_client);

    [Fact]
    public async Task Registering_an_official_answers_201_with_its_location_etag_and_the_record_and_it_can_be_read_back()
    {
        var id = "xi-jinping-" + Guid.NewGuid().ToString("N")[..6];
        var body = Bodies.Official("Xi Jinping", "CN", id, "习近平", "Си Цзиньпин", "Xi Jin-ping");
        body["wikidataId"] = "Q15031";

        var response = await _client.PostJsonAsync("/api/officials", body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.TextAsync());
        response.Headers.Location!.OriginalString.ShouldBe($"/api/officials/{id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var official = await response.ReadJsonAsync();
        official.Id().ShouldBe(id);
        official.GetProperty("names").GetProperty("en").GetString().ShouldBe("Xi Jinping");
        official.GetProperty("names").GetProperty("zh").GetString().ShouldBe("习近平");
        official.GetProperty("names").GetProperty("ru").GetString().ShouldBe("Си Цзиньпин");
        official.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Xi Jin-ping"]);
        official.GetProperty("country").GetString().ShouldBe("CN");
        official.GetProperty("countryName").GetString().ShouldBe("China");
        official.GetProperty("wikidataId").GetString().ShouldBe("Q15031");
        official.GetProperty("offices").GetArrayLength().ShouldBe(0);
        official.GetProperty("version").GetInt64().ShouldBe(1);

        var read = await _client.GetUrlAsync($"/api/officials/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");
        JsonElement.DeepEquals(await read.ReadJsonAsync(), official).ShouldBeTrue(await read.TextAsync());
    }

    [Fact]
    public async Task Without_an_id_the_id_is_derived_from_the_English_name_without_case_or_diacritics()
    {
        var response = await _client.PostJsonAsync("/api/officials", Bodies.Official("Wáng Yì", "CN"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.TextAsync());
        response.Headers.Location!.OriginalString.ShouldBe("/api/officials/wang-yi");
        (await response.ReadJsonAsync()).Id().ShouldBe("wang-yi");
        (await _client.GetOkJsonAsync("/api/officials/wang-yi")).GetProperty("names").GetProperty("en").GetString().ShouldBe("Wáng Yì");
    }

    [Fact]
    public async Task Registering_a_taken_id_again_is_a_409_conflict_and_writes_nothing()
    {
        var id = await Given.OfficialAsync("Vladimir Putin", "RU");
        var before = await app.EventCountAsync();

        var again = await _client.PostJsonAsync("/api/officials", Bodies.Official("Someone Else", "BY", id));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.EventCountAsync()).ShouldBe(before);
        (await _client.GetOkJsonAsync($"/api/officials/{id}")).GetProperty("country").GetString().ShouldBe("RU");
    }

    [Fact]
    public async Task Of_several_registrations_of_one_id_at_the_same_moment_one_succeeds_and_the_others_are_409s()
    {
        var id = "li-qiang-" + Guid.NewGuid().ToString("N")[..6];

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.PostJsonAsync("/api/officials", Bodies.Official("Li Qiang", "CN", id))));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 5)]);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict)) await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await _client.GetOkJsonAsync($"/api/officials/{id}")).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_second_official_whose_English_name_derives_the_same_id_is_a_409_conflict()
    {
        (await _client.PostJsonAsync("/api/officials", Bodies.Official("Oleg Burmistrov", "RU"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await app.EventCountAsync();

        var again = await _client.PostJsonAsync("/api/officials", Bodies.Official("OLEG BURMISTROV", "RU"));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Recording_an_office_answers_201_with_the_official_holding_it_and_the_next_version()
    {
        var id = await Given.OfficialAsync("Wei Fenghe", "CN");

        var response = await _client.PostJsonAsync($"/api/officials/{id}/offices", Bodies.Office("Minister of National Defense", "2018-03-19", "2023-03"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.TextAsync());
        response.Headers.Location!.OriginalString.ShouldBe($"/api/officials/{id}");
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var official = await response.ReadJsonAsync();
        official.GetProperty("version").GetInt64().ShouldBe(2);
        var office = official.GetProperty("offices").EnumerateArray().ShouldHaveSingleItem();
        office.GetProperty("title").GetString().ShouldBe("Minister of National Defense");
        office.GetProperty("country").GetString().ShouldBe("CN");
        office.GetProperty("from").GetProperty("edtf").GetString().ShouldBe("2018-03-19");
        office.GetProperty("to").GetProperty("edtf").GetString().ShouldBe("2023-03");
        office.GetProperty("to").GetProperty("latest").GetString().ShouldBe("2023-03-31");
        office.GetProperty("sources").GetArrayLength().ShouldBe(1);

        var read = await _client.GetOkJsonAsync($"/api/officials/{id}");
        read.GetProperty("offices").EnumerateArray().ShouldHaveSingleItem().GetProperty("title").GetString().ShouldBe("Minister of National Defense");
    }

    [Fact]
    public async Task Recording_an_office_for_an_unknown_official_is_a_404_and_writes_nothing()
    {
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync("/api/officials/nobody-at-all/offices", Bodies.Office("Premier", "2013-03-15"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.EventCountAsync()).ShouldBe(before);
        (await _client.GetUrlAsync("/api/officials/nobody-at-all")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Recording_the_same_office_twice_is_a_409_conflict_and_the_official_keeps_one()
    {
        var id = await Given.OfficialAsync("Li Keqiang", "CN");
        await Given.OfficeAsync(id, "Premier of the State Council", "2013-03-15");
        var before = await app.EventCountAsync();

        var again = await _client.PostJsonAsync($"/api/officials/{id}/offices", Bodies.Office("Premier of the State Council", "2013-03-15"));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await app.EventCountAsync()).ShouldBe(before);
        (await _client.GetOkJsonAsync($"/api/officials/{id}")).GetProperty("offices").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Offices_recorded_at_the_same_moment_are_all_kept_and_a_duplicate_among_them_is_a_409_not_a_failure()
    {
        var id = await Given.OfficialAsync("Xi Jinping", "CN");
        var titles = new[] { "General Secretary", "President", "Chairman of the CMC", "Chairman of the State CMC", "President", "Vice President" };

        var responses = await Task.WhenAll(titles.Select(t => _client.PostJsonAsync($"/api/officials/{id}/offices", Bodies.Office(t, "2013-03-14"))));

        responses.Select(r => r.StatusCode).Order().ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Created, 5), HttpStatusCode.Conflict]);
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var official = await _client.GetOkJsonAsync($"/api/officials/{id}");
        official.GetProperty("offices").EnumerateArray().Select(o => o.GetProperty("title").GetString()).ShouldBe(titles.Distinct(), ignoreOrder: true);
        official.GetProperty("version").GetInt64().ShouldBe(6);
    }

    [Theory]
    [InlineData("2018-03-19", "2018-03-18", "to")]
    [InlineData("2018-03", "2017", "to")]
    [InlineData("2018-02-30", null, "from")]
    [InlineData("March 2018", null, "from")]
    public async Task An_office_with_a_bad_tenure_is_a_400_naming_the_field_and_writes_nothing(string from, string? to, string field)
    {
        var id = await Given.OfficialAsync("Chang Wanquan", "CN");
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync($"/api/officials/{id}/offices", Bodies.Office("Minister of National Defense", from, to));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("names.en", "names.en")]
    [InlineData("country lower case", "country")]
    [InlineData("country unknown", "country")]
    [InlineData("id not a slug", "id")]
    [InlineData("wikidata id", "wikidataId")]
    [InlineData("blank alias", "aliases[0]")]
    public async Task An_official_with_a_bad_field_is_a_400_naming_it_and_writes_nothing(string fault, string field)
    {
        var body = Bodies.Official("Sergey Lavrov", "RU", "sergey-lavrov-" + Guid.NewGuid().ToString("N")[..6]);
        switch (fault)
        {
            case "names.en": body["names"]!["en"] = " "; break;
            case "country lower case": body["country"] = "ru"; break;
            case "country unknown": body["country"] = "SU"; break;
            case "id not a slug": body["id"] = "Sergey Lavrov"; break;
            case "wikidata id": body["wikidataId"] = "15031"; break;
            case "blank alias": body["aliases"] = Bodies.Array([""]); break;
        }
        var before = await app.EventCountAsync();

        var response = await _client.PostJsonAsync("/api/officials", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("shoygu")]
    [InlineData("Shoigu")]
    [InlineData("SHOÏGU")]
    [InlineData("Shoïgú")]
    [InlineData("Шойгу")]
    [InlineData("шойгу")]
    [InlineData("ШОЙГУ")]
    [InlineData("绍伊古")]
    [InlineData("sergei shoigu")]
    public async Task Searching_officials_finds_a_name_or_alias_in_any_script_ignoring_case_and_diacritics(string q)
    {
        var shoigu = await Given.OfficialAsync("Sergei Shoigu", "RU", "谢尔盖·绍伊古", "Сергей Шойгу", "Shoygu");
        var other = await Given.OfficialAsync("Valery Gerasimov", "RU", null, "Валерий Герасимов");

        var found = (await _client.GetOkJsonAsync($"/api/officials?q={Uri.EscapeDataString(q)}")).ItemIds();

        found.ShouldContain(shoigu);
        found.ShouldNotContain(other);
    }

    [Theory]
    [InlineData("习近平")]
    [InlineData("си цзиньпин")]
    [InlineData("JINPING")]
    public async Task Searching_officials_finds_Xi_Jinping_by_his_Chinese_Russian_or_English_name(string q)
    {
        var xi = await Given.OfficialAsync("Xi Jinping", "CN", "习近平", "Си Цзиньпин");
        var other = await Given.OfficialAsync("Wang Qishan", "CN", "王岐山", "Ван Цишань");

        var found = (await _client.GetOkJsonAsync($"/api/officials?q={Uri.EscapeDataString(q)}")).ItemIds();

        found.ShouldContain(xi);
        found.ShouldNotContain(other);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("w%g")]
    [InlineData("w_ng")]
    public async Task Percent_and_underscore_in_an_official_search_are_plain_characters_not_wildcards(string q)
    {
        var wang = await Given.OfficialAsync("Wang Huning", "CN");

        var found = (await _client.GetOkJsonAsync($"/api/officials?q={Uri.EscapeDataString(q)}")).ItemIds();

        found.ShouldNotContain(wang);
    }

    [Fact]
    public async Task The_country_filter_lists_only_officials_serving_that_country()
    {
        var russian = await Given.OfficialAsync("Dmitry Medvedev", "RU");
        var chinese = await Given.OfficialAsync("Li Shangfu", "CN");

        var page = await _client.GetOkJsonAsync("/api/officials?country=RU&limit=500");

        page.ItemIds().ShouldContain(russian);
        page.ItemIds().ShouldNotContain(chinese);
        page.GetProperty("items").EnumerateArray().ShouldAllBe(o => o.GetProperty("country").GetString() == "RU");
    }

    [Fact]
    public async Task Paging_through_officials_with_limit_and_cursor_serves_each_exactly_once_in_the_order_of_the_full_list()
    {
        var registered = new List<string>();
        foreach (var name in new[] { "Kassym Tokayev", "Askar Mamin", "Karim Massimov", "Nurlan Nigmatulin", "Marat Tazhin", "Erlan Idrissov", "Adilbek Zhaksybekov" })
            registered.Add(await Given.OfficialAsync(name, "KZ"));

        var served = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await _client.GetOkJsonAsync("/api/officials?country=KZ&limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            served.AddRange(page.ItemIds());
            sizes.Add(page.GetProperty("items").GetArrayLength());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null && sizes.Count < 10);

        sizes.ShouldBe([3, 3, 1]);
        served.ShouldBe((await _client.GetOkJsonAsync("/api/officials?country=KZ&limit=500")).ItemIds());
        served.Order(StringComparer.Ordinal).ShouldBe(registered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_official_has_no_next_cursor()
    {
        foreach (var name in new[] { "Alexander Lukashenko", "Roman Golovchenko", "Viktor Khrenin", "Sergei Aleinik" })
            await Given.OfficialAsync(name, "BY");

        var first = await _client.GetOkJsonAsync("/api/officials?country=BY&limit=2");
        var second = await _client.GetOkJsonAsync("/api/officials?country=BY&limit=2&cursor=" + first.GetProperty("nextCursor").GetString());

        first.ItemIds().Count.ShouldBe(2);
        second.ItemIds().Count.ShouldBe(2);
        second.ItemIds().ShouldNotContain(first.ItemIds()[0]);
        second.ItemIds().ShouldNotContain(first.ItemIds()[1]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Reading_an_unknown_official_is_a_404_problem()
    {
        var response = await _client.GetUrlAsync("/api/officials/no-such-official");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("no-such-official");
    }

    [Theory]
    [InlineData("country=ru", "country")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=NOT%20A%20CURSOR", "cursor")]
    public async Task A_bad_officials_query_is_a_400_naming_the_parameter(string query, string field)
    {
        var response = await _client.GetUrlAsync("/api/officials?" + query);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
