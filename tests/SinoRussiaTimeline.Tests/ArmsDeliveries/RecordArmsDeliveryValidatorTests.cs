using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.ArmsDeliveries;

public sealed class RecordArmsDeliveryValidatorTests
{
    private static readonly RecordArmsDeliveryValidator Validator = new();

    private static readonly RecordArmsDelivery Valid = new(
        Supplier: "RU",
        Recipient: "CN",
        System: "Su-35S",
        Category: "aircraft",
        Quantity: 10,
        QuantityApproximate: true,
        Date: "2017-11",
        Contract: new ArmsContract("2015 Su-35 contract", "2015-11"),
        Title: "Ten more Su-35s",
        Description: "The second batch.",
        Tags: ["aircraft"],
        Sources: [Known.Article]);

    private static IReadOnlyDictionary<string, string[]> Errors(RecordArmsDelivery command) => ValidationErrors.Of(Validator, command);

    [Fact]
    public void A_complete_delivery_is_valid()
    {
        Errors(Valid).ShouldBeValid();
    }

    [Fact]
    public void A_delivery_with_only_the_required_fields_is_valid()
    {
        Errors(Valid with { Category = null, Quantity = null, QuantityApproximate = null, Contract = null, Title = null, Description = null, Tags = null })
            .ShouldBeValid();
    }

    [Fact]
    public void The_supplier_must_be_an_ISO_code()
    {
        Errors(Valid with { Supplier = "Russia" }).ShouldRejectOnly("supplier", "'Russia'", "ISO 3166-1 alpha-2");
    }

    [Fact]
    public void The_recipient_must_be_an_ISO_code()
    {
        Errors(Valid with { Recipient = "cn" }).ShouldRejectOnly("recipient", "'cn'", "ISO 3166-1 alpha-2");
    }

    [Fact]
    public void A_country_cannot_deliver_to_itself()
    {
        Errors(Valid with { Recipient = "RU" }).ShouldRejectOnly("recipient", "must be different countries");
    }

    [Fact]
    public void The_system_is_required()
    {
        Errors(Valid with { System = " " }).ShouldRejectOnly("system", "Must not be empty");
    }

    [Fact]
    public void The_system_name_is_at_most_200_characters()
    {
        Errors(Valid with { System = new string('S', 201) }).ShouldRejectOnly("system", "200");
    }

    [Theory]
    [InlineData("fighters")]
    [InlineData("0")]
    [InlineData("")]
    public void An_unknown_category_is_refused_with_the_list_of_categories(string category)
    {
        Errors(Valid with { Category = category }).ShouldRejectOnly("category", "aircraft, airDefence", "ships, other");
    }

    [Theory]
    [InlineData("airDefence")]
    [InlineData("ANTISUBMARINEWARFARE")]
    [InlineData("satellites")]
    public void Every_category_is_accepted_in_any_case(string category)
    {
        Errors(Valid with { Category = category }).ShouldBeValid();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1_000_001)]
    public void The_quantity_is_between_one_and_a_million(int quantity)
    {
        Errors(Valid with { Quantity = quantity }).ShouldRejectOnly("quantity", "1", "1000000");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_000)]
    public void The_quantity_bounds_are_inclusive(int quantity)
    {
        Errors(Valid with { Quantity = quantity }).ShouldBeValid();
    }

    [Fact]
    public void An_approximate_quantity_needs_a_quantity()
    {
        Errors(Valid with { Quantity = null, QuantityApproximate = true }).ShouldRejectOnly("quantityApproximate", "needs a quantity");
        Errors(Valid with { Quantity = null, QuantityApproximate = false }).ShouldBeValid();
    }

    [Fact]
    public void The_delivery_date_must_be_EDTF()
    {
        Errors(Valid with { Date = "2017-13" }).ShouldRejectOnly("date", "month 13 does not exist");
    }

    [Fact]
    public void A_contract_needs_a_name()
    {
        Errors(Valid with { Contract = new ArmsContract("", "2015-11") }).ShouldRejectOnly("contract.name", "Must not be empty");
    }

    [Fact]
    public void The_contracts_signing_date_must_be_EDTF()
    {
        Errors(Valid with { Contract = new ArmsContract("2015 Su-35 contract", "November 2015") })
            .ShouldRejectOnly("contract.signedOn", "not a valid EDTF date");
    }

    [Fact]
    public void A_contract_cannot_be_signed_after_its_delivery()
    {
        Errors(Valid with { Contract = new ArmsContract("2015 Su-35 contract", "2017-12-01") })
            .ShouldRejectOnly("contract.signedOn", "cannot be signed after its delivery");
    }

    [Fact]
    public void A_contract_signed_in_the_month_of_delivery_may_precede_it()
    {
        Errors(Valid with { Date = "2017-11", Contract = new ArmsContract("Quick contract", "2017-11-30") }).ShouldBeValid();
    }

    [Fact]
    public void A_blank_title_is_refused_rather_than_replaced()
    {
        Errors(Valid with { Title = "  " }).ShouldRejectOnly("title", "Must not be blank");
    }

    [Fact]
    public void The_description_is_at_most_4000_characters()
    {
        Errors(Valid with { Description = new string('d', 4001) }).ShouldRejectOnly("description", "4000");
    }

    [Fact]
    public void A_delivery_without_sources_is_refused()
    {
        Errors(Valid with { Sources = [] }).ShouldRejectOnly("sources", "At least one source");
    }

    [Fact]
    public void The_deliverys_tags_are_each_checked()
    {
        Errors(Valid with { Tags = ["aircraft", " "] }).ShouldRejectOnly("tags[1]", "Must not be empty");
    }
}
