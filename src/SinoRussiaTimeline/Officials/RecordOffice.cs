using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Officials;

/// <summary>An office held, as sent to <c>POST /api/officials/{officialId}/offices</c>.</summary>
/// <param name="Title">Title of the office. <example>President of the People's Republic of China</example></param>
/// <param name="Country">Country of the office; the official's own when left out. <example>CN</example></param>
/// <param name="From">Start of the tenure (EDTF). <example>2013-03-14</example></param>
/// <param name="To">End of the tenure (EDTF); left out while in office.</param>
/// <param name="Sources">Where the tenure is documented.</param>
/// <param name="Id">Stable slug of the office; derived from the title and start when left out.</param>
public sealed record OfficeInput(string Title, string? Country, string From, string? To, IReadOnlyList<Source>? Sources, string? Id = null);

public sealed record RecordOffice(string OfficialId, OfficeInput Office) : ICommand<OfficialResponse>;

public sealed class RecordOfficeValidator : AbstractValidator<RecordOffice>
{
    public RecordOfficeValidator()
    {
        RuleFor(c => c.Office).NotNull().WithMessage("A body describing the office is required.").OverridePropertyName("body");
        When(c => c.Office is not null, () =>
        {
            RuleFor(c => c.Office.Title).Required(Limits.Title).OverridePropertyName("title");
            RuleFor(c => c.Office.Country).CountryCode().When(c => c.Office.Country is not null).OverridePropertyName("country");
            RuleFor(c => c.Office.From).Edtf().OverridePropertyName("from");
            RuleFor(c => c.Office.To).Edtf().When(c => c.Office.To is not null).OverridePropertyName("to");
            RuleFor(c => c.Office.To)
                .Must((c, to) => !EdtfDate.TryParse(c.Office.From, out var from, out _) || !EdtfDate.TryParse(to, out var end, out _)
                                 || end.LatestEnd is not { } latest || latest >= from.EarliestStart)
                .When(c => c.Office.To is not null)
                .WithMessage(c => $"The tenure cannot end ({c.Office.To}) before it starts ({c.Office.From}).")
                .OverridePropertyName("to");
            RuleFor(c => c.Office.Id).Slug().When(c => c.Office.Id is not null).OverridePropertyName("id");
            RuleFor(c => c.Office.Sources).Must(s => s is null || s.Count <= Limits.Sources).WithMessage($"At most {Limits.Sources} sources.").OverridePropertyName("sources");
            RuleForEach(c => c.Office.Sources).NotNull().WithMessage("A source must be an object.")
                .SetValidator(new ValidationRules.SourceValidator()).OverridePropertyName("sources");
        });
    }
}

public sealed class RecordOfficeHandler(IDocumentSession session) : ICommandHandler<RecordOffice, OfficialResponse>
{
    public async ValueTask<OfficialResponse> Handle(RecordOffice command, CancellationToken cancellationToken)
    {
        // An exclusive lock on the official's stream: two offices recorded at once for one official apply in turn, so a
        // duplicate office among them is a 409, not a failed optimistic append (a 500).
        var stream = await session.Events.FetchForExclusiveWriting<Official>(command.OfficialId, cancellationToken);
        var official = stream.Aggregate ?? throw new ResourceNotFoundException($"No official with id '{command.OfficialId}'.");

        var office = command.Office;
        var officeId = office.Id ?? OfficeIdFor(office);
        if (official.Offices.Any(o => o.Id == officeId))
            throw new ResourceConflictException($"Official '{official.Id}' already has an office with id '{officeId}'.");

        stream.AppendOne(new OfficeRecorded(
            official.Id, officeId, office.Title.Trim(), office.Country ?? official.Country,
            EdtfDate.Parse(office.From).Text, office.To is null ? null : EdtfDate.Parse(office.To).Text, office.Sources ?? []));
        await session.SaveChangesAsync(cancellationToken);
        return OfficialResponse.From((await session.LoadAsync<Official>(official.Id, cancellationToken))!);
    }

    /// <summary>"President of the PRC" from 2013-03-14 becomes "president-of-the-prc-2013-03-14": stable, so seeding twice finds it.</summary>
    public static string OfficeIdFor(OfficeInput office)
    {
        var slug = TextFolding.Slugify($"{office.Title} {office.From}");
        return slug.Length > 0 ? slug : "office-" + TextFolding.Slugify("x " + office.From)[2..];
    }
}

/// <summary>An official as clients read it.</summary>
public sealed record OfficialResponse(
    string Id, OfficialNames Names, IReadOnlyList<string> Aliases, string Country, string CountryName, string? WikidataId,
    IReadOnlyList<OfficeResponse> Offices, long Version)
{
    public static OfficialResponse From(Official o) => new(
        o.Id, o.Names, o.Aliases, o.Country, CountryCodes.NameOf(o.Country) ?? o.Country, o.WikidataId,
        o.Offices.Select(OfficeResponse.Of).ToList(), o.StreamVersion);
}

/// <summary>An office with its tenure's bounds.</summary>
public sealed record OfficeResponse(string Id, string Title, string Country, DateResponse From, DateResponse? To, IReadOnlyList<Source> Sources)
{
    public static OfficeResponse Of(Office o) => new(
        o.Id, o.Title, o.Country, DateResponse.From(EdtfDate.Parse(o.From)), o.To is null ? null : DateResponse.From(EdtfDate.Parse(o.To)), o.Sources);
}
