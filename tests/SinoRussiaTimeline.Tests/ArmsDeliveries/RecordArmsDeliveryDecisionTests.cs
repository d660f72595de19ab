using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.ArmsDeliveries;

public sealed class RecordArmsDeliveryDecisionTests
{
    private const string EntryId = "0193a1b2-0000-7000-8000-000000000003";

    private static readonly RecordArmsDelivery Su35 = new(
        Supplier: "RU",
        Recipient: "CN",
        System: "Su-35S",
        Category: "aircraft",
        Quantity: 10,
        QuantityApproximate: null,
        Date: "2017-11",
        Contract: new ArmsContract("2015 Su-35 contract", "2015-11"),
        Title: null,
        Description: "The second batch of the 24 aircraft ordered in 2015.",
        Tags: ["aircraft"],
        Sources: [Known.Article]);

    [Fact]
    public void A_delivery_becomes_one_event_with_its_parsed_category_and_contract()
    {
        var recorded = RecordArmsDeliveryHandler.Decide(Su35, EntryId);

        recorded.EntryId.ShouldBe(EntryId);
        recorded.Supplier.ShouldBe("RU");
        recorded.Recipient.ShouldBe("CN");
        recorded.System.ShouldBe("Su-35S");
        recorded.Category.ShouldBe(ArmsCategory.Aircraft);
        recorded.Quantity.ShouldBe(10);
        recorded.QuantityApproximate.ShouldBeFalse();
        recorded.Date.ShouldBe("2017-11");
        recorded.Contract.ShouldBe(new ArmsContract("2015 Su-35 contract", "2015-11"));
        recorded.Tags.ShouldBe(["aircraft"]);
        recorded.Sources.ShouldBe([Known.Article]);
    }

    [Fact]
    public void Without_a_title_one_is_made_from_the_quantity_system_and_countries()
    {
        RecordArmsDeliveryHandler.Decide(Su35, EntryId).Title.ShouldBe("10 Su-35S delivered by Russian Federation to China");
    }

    [Fact]
    public void An_approximate_quantity_is_said_to_be_about()
    {
        RecordArmsDeliveryHandler.DefaultTitle(Su35 with { QuantityApproximate = true })
            .ShouldBe("About 10 Su-35S delivered by Russian Federation to China");
    }

    [Fact]
    public void Without_a_quantity_the_title_names_only_the_system()
    {
        RecordArmsDeliveryHandler.DefaultTitle(Su35 with { System = "S-400 Triumf", Quantity = null })
            .ShouldBe("S-400 Triumf delivered by Russian Federation to China");
    }

    [Fact]
    public void The_made_up_title_uses_the_trimmed_system_name()
    {
        RecordArmsDeliveryHandler.DefaultTitle(Su35 with { System = "  Su-35S ", Quantity = 1_000 })
            .ShouldBe("1000 Su-35S delivered by Russian Federation to China");
    }

    [Fact]
    public void A_given_title_is_kept_trimmed()
    {
        RecordArmsDeliveryHandler.Decide(Su35 with { Title = "  Russia delivers ten more Su-35s \n" }, EntryId)
            .Title.ShouldBe("Russia delivers ten more Su-35s");
    }

    [Fact]
    public void Text_is_trimmed_and_dates_stored_as_canonical_EDTF()
    {
        var recorded = RecordArmsDeliveryHandler.Decide(
            Su35 with
            {
                System = " Su-35S ",
                Description = " Second batch. ",
                Date = " 2017-11~ ",
                Contract = new ArmsContract("  2015 Su-35 contract  ", " 2015-11-19 "),
            },
            EntryId);

        recorded.System.ShouldBe("Su-35S");
        recorded.Description.ShouldBe("Second batch.");
        recorded.Date.ShouldBe("2017-11~");
        recorded.Contract.ShouldBe(new ArmsContract("2015 Su-35 contract", "2015-11-19"));
    }

    [Theory]
    [InlineData("airDefence", ArmsCategory.AirDefence)]
    [InlineData("AIRDEFENCE", ArmsCategory.AirDefence)]
    [InlineData("navalweapons", ArmsCategory.NavalWeapons)]
    public void The_category_is_read_without_regard_to_case(string text, ArmsCategory category)
    {
        RecordArmsDeliveryHandler.Decide(Su35 with { Category = text }, EntryId).Category.ShouldBe(category);
    }

    [Fact]
    public void Left_out_fields_become_nulls_empty_lists_and_a_certain_quantity()
    {
        var recorded = RecordArmsDeliveryHandler.Decide(
            Su35 with { Category = null, Quantity = null, QuantityApproximate = null, Contract = null, Description = null, Tags = null },
            EntryId);

        recorded.Category.ShouldBeNull();
        recorded.Quantity.ShouldBeNull();
        recorded.QuantityApproximate.ShouldBeFalse();
        recorded.Contract.ShouldBeNull();
        recorded.Description.ShouldBeNull();
        recorded.Tags.ShouldBeEmpty();
    }

    [Fact]
    public void A_contract_without_a_signing_date_keeps_none()
    {
        RecordArmsDeliveryHandler.Decide(Su35 with { Contract = new ArmsContract("S-400 contract") }, EntryId)
            .Contract.ShouldBe(new ArmsContract("S-400 contract", null));
    }
}
