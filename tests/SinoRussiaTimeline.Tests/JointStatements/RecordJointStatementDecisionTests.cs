using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.JointStatements;
using SinoRussiaTimeline.Tests.Support;

namespace SinoRussiaTimeline.Tests.JointStatements;

public sealed class RecordJointStatementDecisionTests
{
    private const string EntryId = "0193a1b2-0000-7000-8000-000000000002";

    private static readonly RecordJointStatement Statement = new(
        Countries: ["CN", "RU"],
        SignatoryIds: ["xi-jinping", "vladimir-putin"],
        Title: "Joint Statement on the Further Strengthening of Comprehensive Strategic Partnership of Coordination",
        Date: "2017-07-04",
        Place: new Place("RU", "Moscow"),
        Summary: "Both sides oppose unilateral sanctions.",
        Tags: ["diplomacy"],
        Sources: [Known.Article]);

    private static readonly IReadOnlyDictionary<string, SinoRussiaTimeline.Officials.Official> Everyone =
        Known.Of(Known.XiJinping, Known.VladimirPutin, Known.AlexanderLukashenko);

    private static RequestValidationException Rejected(RecordJointStatement command) =>
        Should.Throw<RequestValidationException>(() => RecordJointStatementHandler.Decide(command, EntryId, Everyone));

    [Fact]
    public void A_valid_statement_becomes_one_event_with_its_countries_and_signatories()
    {
        var recorded = RecordJointStatementHandler.Decide(Statement, EntryId, Everyone);

        recorded.EntryId.ShouldBe(EntryId);
        recorded.Countries.ShouldBe(["CN", "RU"]);
        recorded.SignatoryIds.ShouldBe(["xi-jinping", "vladimir-putin"]);
        recorded.Date.ShouldBe("2017-07-04");
        recorded.Place.ShouldBe(new Place("RU", "Moscow"));
        recorded.Tags.ShouldBe(["diplomacy"]);
        recorded.Sources.ShouldBe([Known.Article]);
    }

    [Fact]
    public void Text_is_trimmed_and_the_date_stored_as_canonical_EDTF()
    {
        var recorded = RecordJointStatementHandler.Decide(
            Statement with { Title = " Joint Statement \n", Summary = "  In brief. ", Place = new Place("RU", " Moscow  "), Date = " 2017-07~ " },
            EntryId, Everyone);

        recorded.Title.ShouldBe("Joint Statement");
        recorded.Summary.ShouldBe("In brief.");
        recorded.Place!.City.ShouldBe("Moscow");
        recorded.Date.ShouldBe("2017-07~");
    }

    [Fact]
    public void A_statement_without_signatories_place_or_tags_is_recorded_with_empty_lists()
    {
        var recorded = RecordJointStatementHandler.Decide(Statement with { SignatoryIds = null, Place = null, Tags = null, Summary = null }, EntryId, Known.Of());

        recorded.SignatoryIds.ShouldBeEmpty();
        recorded.Tags.ShouldBeEmpty();
        recorded.Place.ShouldBeNull();
        recorded.Summary.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_signatory_is_reported_at_its_position_in_the_list()
    {
        var error = Rejected(Statement with { SignatoryIds = ["xi-jinping", "vladimir-putn"] });

        error.Errors.Keys.ShouldBe(["signatoryIds[1]"]);
        error.Errors["signatoryIds[1]"][0].ShouldContain("'vladimir-putn'");
    }

    [Fact]
    public void A_signatory_serving_a_country_outside_the_statement_is_refused_at_its_position()
    {
        var error = Rejected(Statement with { SignatoryIds = ["alexander-lukashenko", "xi-jinping"] });

        error.Errors.Keys.ShouldBe(["signatoryIds[0]"]);
        error.Errors["signatoryIds[0]"].ShouldBe(["'alexander-lukashenko' serves BY, which is not among the statement's countries."]);
    }

    [Fact]
    public void A_signatory_of_any_issuing_country_is_accepted()
    {
        var recorded = RecordJointStatementHandler.Decide(
            Statement with { Countries = ["CN", "RU", "BY"], SignatoryIds = ["alexander-lukashenko", "xi-jinping", "vladimir-putin"] },
            EntryId, Everyone);

        recorded.SignatoryIds.ShouldBe(["alexander-lukashenko", "xi-jinping", "vladimir-putin"]);
    }

    [Fact]
    public void Unknown_and_misplaced_signatories_are_all_reported_at_once()
    {
        var error = Rejected(Statement with { SignatoryIds = ["nobody", "xi-jinping", "alexander-lukashenko"] });

        error.Errors.Keys.ShouldBe(["signatoryIds[0]", "signatoryIds[2]"], ignoreOrder: true);
    }
}
