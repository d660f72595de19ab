using System.Net;
using System.Text.Json;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.Api;

public sealed class ArmsDeliveriesApiTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Recording_an_arms_delivery_answers_201_with_the_entry_its_location_and_etag()
    {
        var body = Bodies.ArmsDelivery("RU", "CN", "2018-01/2018-05", "S-400 Triumf");
        body["category"] = "airDefence";
        body["quantity"] = 2;
        body["quantityApproximate"] = true;
        body["contract"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "2014 S-400 contract", ["signedOn"] = "2014" };
        var sent = body["sources"]!.DeepClone();

        var entry = await (await _client.PostJsonAsync("/api/arms-deliveries", body)).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("kind").GetString().ShouldBe("armsDelivery");
        entry.GetProperty("title").GetString().ShouldBe(body["title"]!.GetValue<string>());
        entry.GetProperty("date").GetProperty("edtf").GetString().ShouldBe("2018-01/2018-05");
        entry.GetProperty("date").GetProperty("earliest").GetString().ShouldBe("2018-01-01");
        entry.GetProperty("date").GetProperty("latest").GetString().ShouldBe("2018-05-31");
        entry.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ShouldBe(["RU", "CN"], ignoreOrder: true);
        entry.GetProperty("officials").GetArrayLength().ShouldBe(0);
        entry.GetProperty("place").GetProperty("country").GetString().ShouldBe("CN");
        JsonElement.DeepEquals(entry.GetProperty("sources"), JsonSerializer.SerializeToElement(sent)).ShouldBeTrue();
        var delivery = entry.GetProperty("armsDelivery");
        delivery.GetProperty("supplier").GetString().ShouldBe("RU");
        delivery.GetProperty("recipient").GetString().ShouldBe("CN");
        delivery.GetProperty("system").GetString().ShouldBe("S-400 Triumf");
        delivery.GetProperty("category").GetString().ShouldBe("airDefence");
        delivery.GetProperty("quantity").GetInt32().ShouldBe(2);
        delivery.GetProperty("quantityApproximate").GetBoolean().ShouldBeTrue();
        delivery.GetProperty("contract").GetProperty("name").GetString().ShouldBe("2014 S-400 contract");
        delivery.GetProperty("contract").GetProperty("signedOn").GetString().ShouldBe("2014");
    }

    [Fact]
    public async Task Without_a_title_the_title_says_how_many_of_what_went_from_whom_to_whom()
    {
        var body = Bodies.ArmsDelivery("RU", "CN", "2016-12", "Su-35S");
        body.Remove("title");
        body["quantity"] = 4;
        body["quantityApproximate"] = true;

        var entry = await (await _client.PostJsonAsync("/api/arms-deliveries", body)).ShouldBeCreatedEntryAsync(_client);

        entry.GetProperty("title").GetString().ShouldBe("About 4 Su-35S delivered by Russian Federation to China");
    }

    [Theory]
    [InlineData("same supplier and recipient", "recipient")]
    [InlineData("quantity zero", "quantity")]
    [InlineData("unknown category", "category")]
    [InlineData("approximate without quantity", "quantityApproximate")]
    [InlineData("contract signed after delivery", "contract.signedOn")]
    [InlineData("contract without name", "contract.name")]
    [InlineData("blank system", "system")]
    [InlineData("lower-case supplier", "supplier")]
    public async Task An_arms_delivery_with_a_bad_field_is_a_400_naming_it_and_nothing_is_written(string fault, string field)
    {
        var body = Bodies.ArmsDelivery("RU", "CN", "2018-04");
        switch (fault)
        {
            case "same supplier and recipient": body["recipient"] = "RU"; break;
            case "quantity zero": body["quantity"] = 0; break;
            case "unknown category": body["category"] = "tanks"; break;
            case "approximate without quantity": body["quantity"] = null; body["quantityApproximate"] = true; break;
            case "contract signed after delivery": body["contract"]!["signedOn"] = "2019-01"; break;
            case "contract without name": body["contract"]!["name"] = ""; break;
            case "blank system": body["system"] = "  "; break;
            case "lower-case supplier": body["supplier"] = "ru"; break;
        }
        var before = await app.EventCountAsync();

        await (await _client.PostJsonAsync("/api/arms-deliveries", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await app.EventCountAsync()).ShouldBe(before);
    }
}
