using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Tests.Support;
using SinoRussiaTimeline.Visits;

namespace SinoRussiaTimeline.Tests.Visits;

public sealed class RecordVisitDecisionTests
{
    private const string EntryId = "0193a1b2-0000-7000-8000-000000000001";

    private static readonly RecordVisit WeiInMoscow = new(
        OfficialIds: ["wei-fenghe"],
        HostCountry: "RU",
        City: "Moscow",
        HostOfficialIds: ["sergei-shoigu"],
        Date: "2018-04",
        Title: "Wei Fenghe visits Moscow on his first trip abroad as defence minister",
        Description: "Attends the Moscow Conference on International Security.",
        VisitType: "official",
        TripId: null,
        Tags: ["defence"],
        Sources: [Known.Article]);

    private static readonly IReadOnlyDictionary<string, SinoRussiaTimeline.Officials.Official> Everyone =
        Known.Of(Known.XiJinping, Known.WeiFenghe, Known.WangYi, Known.VladimirPutin, Known.SergeiShoigu, Known.AlexanderLukashenko);

    private static RequestValidationException Rejected(RecordVisit command) =>
        Should.Throw<RequestValidationException>(() => RecordVisitHandler.Decide(command, EntryId, Everyone));

    [Fact]
    public void A_valid_visit_becomes_one_event_with_the_visitors_country()
    {
        var recorded = RecordVisitHandler.Decide(WeiInMoscow, EntryId, Everyone);

        recorded.EntryId.ShouldBe(EntryId);
        recorded.OfficialIds.ShouldBe(["wei-fenghe"]);
        recorded.VisitorCountry.ShouldBe("CN");
        recorded.HostCountry.ShouldBe("RU");
        recorded.HostOfficialIds.ShouldBe(["sergei-shoigu"]);
        recorded.Date.ShouldBe("2018-04");
        recorded.VisitType.ShouldBe(VisitType.Official);
        recorded.Tags.ShouldBe(["defence"]);
        recorded.Sources.ShouldBe([Known.Article]);
    }

    [Fact]
    public void The_date_is_stored_as_canonical_EDTF_text()
    {
        RecordVisitHandler.Decide(WeiInMoscow with { Date = "  2018-04-01/2018-04-08 \n" }, EntryId, Everyone)
            .Date.ShouldBe("2018-04-01/2018-04-08");
        RecordVisitHandler.Decide(WeiInMoscow with { Date = " 2013~ " }, EntryId, Everyone).Date.ShouldBe("2013~");
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed_from_the_title_description_and_city()
    {
        var recorded = RecordVisitHandler.Decide(
            WeiInMoscow with { Title = "  Wei Fenghe in Moscow \t", Description = "\n A short account. ", City = " Moscow " },
            EntryId, Everyone);

        recorded.Title.ShouldBe("Wei Fenghe in Moscow");
        recorded.Description.ShouldBe("A short account.");
        recorded.City.ShouldBe("Moscow");
    }

    [Fact]
    public void Left_out_lists_and_fields_become_empty_lists_and_nulls()
    {
        var recorded = RecordVisitHandler.Decide(
            WeiInMoscow with { HostOfficialIds = null, Tags = null, City = null, Description = null, VisitType = null },
            EntryId, Everyone);

        recorded.HostOfficialIds.ShouldBeEmpty();
        recorded.Tags.ShouldBeEmpty();
        recorded.City.ShouldBeNull();
        recorded.Description.ShouldBeNull();
        recorded.VisitType.ShouldBeNull();
    }

    [Fact]
    public void The_visit_type_is_read_without_regard_to_case()
    {
        RecordVisitHandler.Decide(WeiInMoscow with { VisitType = "STATE" }, EntryId, Everyone).VisitType.ShouldBe(VisitType.State);
    }

    [Fact]
    public void Several_visitors_of_one_country_are_one_visit()
    {
        var recorded = RecordVisitHandler.Decide(WeiInMoscow with { OfficialIds = ["xi-jinping", "wang-yi"] }, EntryId, Everyone);

        recorded.OfficialIds.ShouldBe(["xi-jinping", "wang-yi"]);
        recorded.VisitorCountry.ShouldBe("CN");
    }

    [Fact]
    public void An_unknown_visitor_is_reported_at_its_position_in_the_list()
    {
        var error = Rejected(WeiInMoscow with { OfficialIds = ["wei-fenghe", "wei-fengh"] });

        error.Errors.Keys.ShouldBe(["officialIds[1]"]);
        error.Errors["officialIds[1]"].ShouldHaveSingleItem().ShouldContain("'wei-fengh'");
        error.Errors["officialIds[1]"][0].ShouldContain("register the official first");
    }

    [Fact]
    public void An_unknown_host_official_is_reported_at_its_position_in_the_list()
    {
        var error = Rejected(WeiInMoscow with { HostOfficialIds = ["sergei-shoigu", "nobody"] });

        error.Errors.Keys.ShouldBe(["hostOfficialIds[1]"]);
        error.Errors["hostOfficialIds[1]"][0].ShouldContain("'nobody'");
    }

    [Fact]
    public void Visitors_serving_different_countries_are_refused_with_the_countries_named()
    {
        var error = Rejected(WeiInMoscow with { OfficialIds = ["wei-fenghe", "alexander-lukashenko"] });

        error.Errors.Keys.ShouldBe(["officialIds"]);
        error.Errors["officialIds"][0].ShouldContain("CN, BY");
        error.Errors["officialIds"][0].ShouldContain("one visit per country");
    }

    [Fact]
    public void A_visit_to_the_visitors_own_country_is_refused_on_the_host_country()
    {
        var error = Rejected(WeiInMoscow with { HostCountry = "CN", HostOfficialIds = null });

        error.Errors.Keys.ShouldBe(["hostCountry"]);
        error.Errors["hostCountry"][0].ShouldContain("abroad");
        error.Errors["hostCountry"][0].ShouldContain("CN");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Rejected(WeiInMoscow with { OfficialIds = ["nobody", "wei-fenghe"], HostCountry = "CN", HostOfficialIds = ["ghost"] });

        error.Errors.Keys.ShouldBe(["officialIds[0]", "hostOfficialIds[0]", "hostCountry"], ignoreOrder: true);
    }

    [Fact]
    public void When_no_visitor_is_known_only_the_unknown_ids_are_reported()
    {
        var error = Rejected(WeiInMoscow with { OfficialIds = ["nobody"] });

        error.Errors.Keys.ShouldBe(["officialIds[0]"]);
    }
}
