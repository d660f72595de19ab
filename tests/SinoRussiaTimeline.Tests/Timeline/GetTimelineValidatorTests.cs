using SinoRussiaTimeline.Tests.Support;
using SinoRussiaTimeline.Timeline;

namespace SinoRussiaTimeline.Tests.Timeline;

public sealed class GetTimelineValidatorTests
{
    private static readonly GetTimelineValidator Validator = new();

    private static readonly GetTimeline Full = new()
    {
        Countries = "CN,RU",
        From = "2013",
        To = "2018-06",
        Kinds = "visit,jointStatement",
        OfficialId = "wei-fenghe",
        Q = "Shoygu",
        IncludeRetracted = true,
        Order = "desc",
        Limit = 20,
        Cursor = new TimelineCursor(735000, 735030, 17).ToString(),
    };

    private static IReadOnlyDictionary<string, string[]> Errors(GetTimeline query) => ValidationErrors.Of(Validator, query);

    [Fact]
    public void A_query_with_no_parameters_is_valid()
    {
        Errors(new GetTimeline()).ShouldBeValid();
    }

    [Fact]
    public void A_query_using_every_parameter_is_valid()
    {
        Errors(Full).ShouldBeValid();
    }

    [Fact]
    public void Spaces_and_empty_items_in_lists_are_ignored()
    {
        Errors(new GetTimeline { Countries = " CN , RU,,", Kinds = "visit, armsDelivery ," }).ShouldBeValid();
    }

    [Fact]
    public void A_bad_country_is_named_by_its_position_in_the_list()
    {
        Errors(Full with { Countries = "CN,russia" }).ShouldRejectOnly("countries[1]", "'russia'", "ISO 3166-1 alpha-2");
    }

    [Fact]
    public void At_most_ten_countries_can_be_required_at_once()
    {
        Errors(Full with { Countries = "CN,RU,BY,KZ,KG,TJ,UZ,MN,IN,PK" }).ShouldBeValid();
        Errors(Full with { Countries = "CN,RU,BY,KZ,KG,TJ,UZ,MN,IN,PK,IR" }).ShouldRejectOnly("countries", "At most 10");
    }

    [Fact]
    public void The_start_of_the_period_must_be_EDTF()
    {
        Errors(Full with { From = "2018-13" }).ShouldRejectOnly("from", "month 13 does not exist");
    }

    [Fact]
    public void The_end_of_the_period_must_be_EDTF()
    {
        Errors(Full with { To = "last week" }).ShouldRejectOnly("to", "not a valid EDTF date");
    }

    [Fact]
    public void A_period_cannot_end_before_it_starts()
    {
        Errors(Full with { From = "2018", To = "2017-12" }).ShouldRejectOnly("to", "ends (2017-12) before it starts (2018)");
    }

    [Fact]
    public void A_period_may_end_within_the_month_it_starts()
    {
        Errors(Full with { From = "2018-06", To = "2018-06-01" }).ShouldBeValid();
    }

    [Fact]
    public void An_unknown_kind_is_named_by_its_position_with_the_kinds_that_exist()
    {
        Errors(Full with { Kinds = "visit,Visit" }).ShouldRejectOnly("kinds[1]", "'Visit' is not a kind", "visit, armsDelivery or jointStatement");
    }

    [Fact]
    public void The_official_id_must_be_a_slug()
    {
        Errors(Full with { OfficialId = "Wei Fenghe" }).ShouldRejectOnly("officialId", "lower-case slug");
    }

    [Fact]
    public void The_search_text_is_at_most_200_characters()
    {
        Errors(Full with { Q = new string('q', 200) }).ShouldBeValid();
        Errors(Full with { Q = new string('q', 201) }).ShouldRejectOnly("q", "200");
    }

    [Theory]
    [InlineData("2018-06-08")]
    [InlineData("2018-06-08T00:00:00")]
    [InlineData("yesterday")]
    [InlineData("2018-13-08T00:00:00Z")]
    public void AsOf_must_be_an_RFC_3339_instant_with_its_offset(string asOf)
    {
        Errors(Full with { AsOf = asOf }).ShouldRejectOnly("asOf", "RFC 3339");
    }

    [Theory]
    [InlineData("2018-06-08T00:00:00Z")]
    [InlineData("2026-11-28T13:12:03.620191+00:00")]
    [InlineData("2026-11-28T14:12:03+01:00")]
    public void AsOf_accepts_RFC_3339_instants(string asOf)
    {
        Errors(Full with { AsOf = asOf }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ascending")]
    [InlineData("ASC")]
    [InlineData("")]
    public void The_order_is_asc_or_desc(string order)
    {
        Errors(Full with { Order = order }).ShouldRejectOnly("order", "asc or desc");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-1)]
    public void The_page_size_is_between_1_and_500(int limit)
    {
        Errors(Full with { Limit = limit }).ShouldRejectOnly("limit", "1", "500");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public void The_page_size_bounds_are_inclusive(int limit)
    {
        Errors(Full with { Limit = limit }).ShouldBeValid();
    }

    [Fact]
    public void A_cursor_the_service_did_not_issue_is_refused()
    {
        Errors(Full with { Cursor = "page-2" }).ShouldRejectOnly("cursor", "Not a cursor this service issued");
    }
}
