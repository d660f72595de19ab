using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.JointStatements;

/// <summary>Record a joint statement: the body of <c>POST /api/joint-statements</c>.</summary>
/// <param name="Countries">The countries that issued it: at least two. <example>["CN", "RU"]</example></param>
/// <param name="SignatoryIds">Officials who signed it. <example>["xi-jinping", "vladimir-putin"]</example></param>
/// <param name="Title">The statement's title. <example>Joint Statement on the Further Strengthening of Comprehensive Strategic Partnership of Coordination</example></param>
/// <param name="Date">Date of signing (EDTF). <example>2017-07-04</example></param>
/// <param name="Place">Where it was signed.</param>
/// <param name="Summary">What it says, in brief.</param>
/// <param name="Tags">Free keywords.</param>
/// <param name="Sources">At least one citation.</param>
/// <param name="Id">Entry id (UUID), when the client must know it in advance.</param>
public sealed record RecordJointStatement(
    IReadOnlyList<string> Countries,
    IReadOnlyList<string>? SignatoryIds,
    string Title,
    string Date,
    Place? Place,
    string? Summary,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<Source> Sources,
    Guid? Id = null) : ICommand<EntryResponse>;

public sealed class RecordJointStatementValidator : AbstractValidator<RecordJointStatement>
{
    public RecordJointStatementValidator()
    {
        RuleFor(c => c.Countries).Must(c => c is not null && c.Distinct().Count() >= 2).WithMessage("At least two different countries are required.")
            .Must(c => c is null || c.Count <= 200).WithMessage("At most 200 countries.")
            .Must(c => c is null || c.Distinct().Count() == c.Count).WithMessage("A country is listed twice.");
        RuleForEach(c => c.Countries).CountryCode();
        RuleFor(c => c.SignatoryIds).Must(ids => ids is null || ids.Count <= Limits.Officials).WithMessage($"At most {Limits.Officials} officials.")
            .Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage("An official is listed twice.");
        RuleForEach(c => c.SignatoryIds).Required(Limits.Slug);
        RuleFor(c => c.Title).Required(Limits.Title);
        RuleFor(c => c.Date).Edtf();
        When(c => c.Place is not null, () =>
        {
            RuleFor(c => c.Place!.Country).CountryCode().OverridePropertyName("place.country");
            RuleFor(c => c.Place!.City).Optional(Limits.City).OverridePropertyName("place.city");
        });
        RuleFor(c => c.Summary).Optional(Limits.Description);
        this.Tags(c => c.Tags);
        this.Sources(c => c.Sources);
    }
}

public sealed class RecordJointStatementHandler(Writes.EntryRecorder recorder, JointStatementKind kind) : ICommandHandler<RecordJointStatement, EntryResponse>
{
    public async ValueTask<EntryResponse> Handle(RecordJointStatement command, CancellationToken cancellationToken) =>
        await recorder.RecordAsync(kind, command, command.Id, cancellationToken);

    /// <summary>Signatories must exist and serve one of the issuing countries.</summary>
    public static JointStatementRecorded Decide(RecordJointStatement c, string entryId, IReadOnlyDictionary<string, Official> officials)
    {
        var errors = new FieldErrors();
        var signatories = c.SignatoryIds ?? [];
        OfficialLookup.RequireKnown(signatories, "signatoryIds", officials, errors);
        for (var i = 0; i < signatories.Count; i++)
        {
            if (officials.TryGetValue(signatories[i], out var o) && !c.Countries.Contains(o.Country))
                errors.Add($"signatoryIds[{i}]", $"'{o.Id}' serves {o.Country}, which is not among the statement's countries.");
        }
        errors.ThrowIfAny();
        return new JointStatementRecorded(
            entryId, c.Countries, signatories, c.Title.Trim(), EdtfDate.Parse(c.Date).Text,
            c.Place is null ? null : new Place(c.Place.Country, c.Place.City?.Trim()), c.Summary?.Trim(), c.Tags ?? [], c.Sources);
    }
}
