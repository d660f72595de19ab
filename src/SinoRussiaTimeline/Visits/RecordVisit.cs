using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.Visits;

/// <summary>Record a visit: the body of <c>POST /api/visits</c>.</summary>
/// <param name="OfficialIds">The visitors: at least one, all of one country. <example>["wei-fenghe"]</example></param>
/// <param name="HostCountry">Country visited (ISO 3166-1 alpha-2). <example>RU</example></param>
/// <param name="City">City visited. <example>Moscow</example></param>
/// <param name="HostOfficialIds">Who received them. <example>["sergei-shoigu"]</example></param>
/// <param name="Date">When, in EDTF at the precision the sources support. <example>2018-04</example></param>
/// <param name="Title">Headline of the entry. <example>Wei Fenghe visits Moscow on his first trip abroad as defence minister</example></param>
/// <param name="Description">A short account.</param>
/// <param name="VisitType">state, official, working, summit, conference, forum or other. <example>official</example></param>
/// <param name="TripId">Shared by the legs of one multi-country trip.</param>
/// <param name="Tags">Free keywords. <example>["defence"]</example></param>
/// <param name="Sources">At least one citation.</param>
/// <param name="Id">Entry id (UUID), when the client must know it in advance; generated otherwise.</param>
public sealed record RecordVisit(
    IReadOnlyList<string> OfficialIds,
    string HostCountry,
    string? City,
    IReadOnlyList<string>? HostOfficialIds,
    string Date,
    string Title,
    string? Description,
    string? VisitType,
    string? TripId,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<Source> Sources,
    Guid? Id = null) : ICommand<EntryResponse>;

public sealed class RecordVisitValidator : AbstractValidator<RecordVisit>
{
    public RecordVisitValidator()
    {
        RuleFor(c => c.OfficialIds).Must(ids => ids is { Count: > 0 }).WithMessage("At least one visiting official is required.")
            .Must(ids => ids is null || ids.Count <= Limits.Officials).WithMessage($"At most {Limits.Officials} officials.")
            .Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage("An official is listed twice.");
        RuleForEach(c => c.OfficialIds).Required(Limits.Slug);
        RuleFor(c => c.HostCountry).CountryCode();
        RuleFor(c => c.City).Optional(Limits.City);
        RuleFor(c => c.HostOfficialIds).Must(ids => ids is null || ids.Count <= Limits.Officials).WithMessage($"At most {Limits.Officials} officials.")
            .Must((c, ids) => ids is null || c.OfficialIds is null || !ids.Intersect(c.OfficialIds).Any())
            .WithMessage("An official cannot both visit and host the same visit.");
        RuleForEach(c => c.HostOfficialIds).Required(Limits.Slug);
        RuleFor(c => c.Date).Edtf();
        RuleFor(c => c.Title).Required(Limits.Title);
        RuleFor(c => c.Description).Optional(Limits.Description);
        RuleFor(c => c.VisitType).Must(t => t is null || Enum.TryParse<VisitType>(t, ignoreCase: true, out _) && !int.TryParse(t, out _))
            .WithMessage("Must be one of: state, official, working, summit, conference, forum, other.");
        RuleFor(c => c.TripId).Slug().When(c => c.TripId is not null);
        this.Tags(c => c.Tags);
        this.Sources(c => c.Sources);
    }
}

public sealed class RecordVisitHandler(Writes.EntryRecorder recorder, VisitKind kind) : ICommandHandler<RecordVisit, EntryResponse>
{
    public async ValueTask<EntryResponse> Handle(RecordVisit command, CancellationToken cancellationToken) =>
        await recorder.RecordAsync(kind, command, command.Id, cancellationToken);

    /// <summary>The rules that need the officials' records: they exist, the visitors share a country, and it is not the host.</summary>
    public static VisitRecorded Decide(RecordVisit command, string entryId, IReadOnlyDictionary<string, Official> officials)
    {
        var errors = new FieldErrors();
        OfficialLookup.RequireKnown(command.OfficialIds, "officialIds", officials, errors);
        OfficialLookup.RequireKnown(command.HostOfficialIds, "hostOfficialIds", officials, errors);
        var visitorCountries = command.OfficialIds.Where(officials.ContainsKey).Select(id => officials[id].Country).Distinct().ToList();
        if (visitorCountries.Count > 1)
            errors.Add("officialIds", $"The visitors must all serve one country; these serve {string.Join(", ", visitorCountries)}. Record one visit per country.");
        if (visitorCountries.Count == 1 && visitorCountries[0] == command.HostCountry)
            errors.Add("hostCountry", $"A visit is abroad: the visitors serve {command.HostCountry}, so the host country must be another.");
        errors.ThrowIfAny();

        return new VisitRecorded(
            entryId, command.OfficialIds, visitorCountries[0], command.HostCountry, command.City?.Trim(), command.HostOfficialIds ?? [],
            Dates.EdtfDate.Parse(command.Date).Text, command.Title.Trim(), command.Description?.Trim(),
            command.VisitType is null ? null : Enum.Parse<VisitType>(command.VisitType, ignoreCase: true),
            command.TripId, command.Tags ?? [], command.Sources);
    }
}
