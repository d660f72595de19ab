using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Officials;

/// <summary>Register an official.</summary>
/// <param name="Id">Stable slug; derived from the English name when left out. <example>xi-jinping</example></param>
/// <param name="Names">Names in English (required), Chinese and Russian.</param>
/// <param name="Aliases">Other spellings that search should find. <example>["Shoygu"]</example></param>
/// <param name="Country">The country the official serves (ISO 3166-1 alpha-2). <example>CN</example></param>
/// <param name="WikidataId">Wikidata item id. <example>Q15031</example></param>
public sealed record RegisterOfficial(string? Id, OfficialNames Names, IReadOnlyList<string>? Aliases, string Country, string? WikidataId)
    : ICommand<OfficialResponse>;

public sealed partial class RegisterOfficialValidator : AbstractValidator<RegisterOfficial>
{
    [System.Text.RegularExpressions.GeneratedRegex("^Q[1-9][0-9]{0,11}$")]
    private static partial System.Text.RegularExpressions.Regex WikidataPattern();

    public RegisterOfficialValidator()
    {
        RuleFor(c => c.Id).Slug().When(c => c.Id is not null);
        RuleFor(c => c.Names).NotNull().WithMessage("Names are required, at least names.en.");
        RuleFor(c => c.Names.En).Required(Limits.Name).When(c => c.Names is not null).OverridePropertyName("names.en");
        RuleFor(c => c.Names.Zh).Optional(Limits.Name).When(c => c.Names is not null).OverridePropertyName("names.zh");
        RuleFor(c => c.Names.Ru).Optional(Limits.Name).When(c => c.Names is not null).OverridePropertyName("names.ru");
        RuleFor(c => c.Aliases).Must(a => a is null || a.Count <= Limits.Aliases).WithMessage($"At most {Limits.Aliases} aliases.");
        RuleForEach(c => c.Aliases).Required(Limits.Name);
        RuleFor(c => c.Country).CountryCode();
        RuleFor(c => c.WikidataId).Must(w => w is null || WikidataPattern().IsMatch(w)).WithMessage("Must be a Wikidata item id such as Q15031.");
        RuleFor(c => c.Id).Must((c, _) => TextFolding.Slugify(c.Names.En).Length > 0)
            .When(c => c.Id is null && !string.IsNullOrWhiteSpace(c.Names?.En))
            .WithMessage("No id can be derived from names.en; give an id.");
    }
}

public sealed class RegisterOfficialHandler(IDocumentSession session) : ICommandHandler<RegisterOfficial, OfficialResponse>
{
    public async ValueTask<OfficialResponse> Handle(RegisterOfficial command, CancellationToken cancellationToken)
    {
        var id = command.Id ?? TextFolding.Slugify(command.Names.En);
        if (await session.LoadAsync<Official>(id, cancellationToken) is not null)
            throw new ResourceConflictException($"An official with id '{id}' already exists.");

        var registered = new OfficialRegistered(
            id,
            new OfficialNames(command.Names.En.Trim(), command.Names.Zh?.Trim(), command.Names.Ru?.Trim()),
            (command.Aliases ?? []).Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            command.Country,
            command.WikidataId);
        // Marten refuses a second stream with the same key, so two racing registrations cannot both succeed.
        session.Events.StartStream<Official>(id, registered);
        await session.SaveChangesAsync(cancellationToken);
        var official = await session.LoadAsync<Official>(id, cancellationToken);
        return OfficialResponse.From(official!);
    }
}
