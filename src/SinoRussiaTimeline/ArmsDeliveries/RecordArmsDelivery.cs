using System.Globalization;
using FluentValidation;
using Marten;
using Mediator;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.ArmsDeliveries;

/// <summary>Record an arms delivery: the body of <c>POST /api/arms-deliveries</c>.</summary>
/// <param name="Supplier">Supplying country. <example>RU</example></param>
/// <param name="Recipient">Receiving country. <example>CN</example></param>
/// <param name="System">The weapon system delivered. <example>Su-35S</example></param>
/// <param name="Category">aircraft, airDefence, antiSubmarineWarfare, armouredVehicles, artillery, engines, missiles, navalWeapons, satellites, sensors, ships or other. <example>aircraft</example></param>
/// <param name="Quantity">How many, when known. <example>10</example></param>
/// <param name="QuantityApproximate">True when the quantity is an estimate.</param>
/// <param name="Date">When delivered (EDTF). <example>2017-11</example></param>
/// <param name="Contract">The contract the delivery belongs to.</param>
/// <param name="Title">Headline; derived from the quantity, system and countries when left out.</param>
/// <param name="Description">A short account.</param>
/// <param name="Tags">Free keywords.</param>
/// <param name="Sources">At least one citation.</param>
/// <param name="Id">Entry id (UUID), when the client must know it in advance.</param>
public sealed record RecordArmsDelivery(
    string Supplier,
    string Recipient,
    string System,
    string? Category,
    int? Quantity,
    bool? QuantityApproximate,
    string Date,
    ArmsContract? Contract,
    string? Title,
    string? Description,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<Source> Sources,
    Guid? Id = null) : ICommand<EntryResponse>;

public sealed class RecordArmsDeliveryValidator : AbstractValidator<RecordArmsDelivery>
{
    public RecordArmsDeliveryValidator()
    {
        RuleFor(c => c.Supplier).CountryCode();
        RuleFor(c => c.Recipient).CountryCode()
            .Must((c, recipient) => recipient != c.Supplier).WithMessage("Supplier and recipient must be different countries.");
        RuleFor(c => c.System).Required(Limits.Name);
        RuleFor(c => c.Category).Must(t => t is null || Enum.TryParse<ArmsCategory>(t, ignoreCase: true, out _) && !int.TryParse(t, out _))
            .WithMessage("Must be one of: aircraft, airDefence, antiSubmarineWarfare, armouredVehicles, artillery, engines, missiles, navalWeapons, satellites, sensors, ships, other.");
        RuleFor(c => c.Quantity).InclusiveBetween(1, 1_000_000).When(c => c.Quantity is not null);
        RuleFor(c => c.QuantityApproximate).Must((c, approx) => approx != true || c.Quantity is not null)
            .WithMessage("An approximate quantity needs a quantity.");
        RuleFor(c => c.Date).Edtf();
        When(c => c.Contract is not null, () =>
        {
            RuleFor(c => c.Contract!.Name).Required(Limits.Name).OverridePropertyName("contract.name");
            RuleFor(c => c.Contract!.SignedOn).Edtf().When(c => c.Contract!.SignedOn is not null).OverridePropertyName("contract.signedOn");
            RuleFor(c => c.Contract!.SignedOn)
                .Must((c, signed) => !EdtfDate.TryParse(signed, out var s, out _) || !EdtfDate.TryParse(c.Date, out var d, out _) || d.LatestEnd is not { } end || s.EarliestStart <= end)
                .When(c => c.Contract!.SignedOn is not null)
                .WithMessage("A contract cannot be signed after its delivery.")
                .OverridePropertyName("contract.signedOn");
        });
        RuleFor(c => c.Title).Optional(Limits.Title);
        RuleFor(c => c.Description).Optional(Limits.Description);
        this.Tags(c => c.Tags);
        this.Sources(c => c.Sources);
    }
}

public sealed class RecordArmsDeliveryHandler(Writes.EntryRecorder recorder, ArmsDeliveryKind kind) : ICommandHandler<RecordArmsDelivery, EntryResponse>
{
    public async ValueTask<EntryResponse> Handle(RecordArmsDelivery command, CancellationToken cancellationToken) =>
        await recorder.RecordAsync(kind, command, command.Id, cancellationToken);

    public static ArmsDeliveryRecorded Decide(RecordArmsDelivery c, string entryId) => new(
        entryId, c.Supplier, c.Recipient, c.System.Trim(),
        c.Category is null ? null : Enum.Parse<ArmsCategory>(c.Category, ignoreCase: true),
        c.Quantity, c.QuantityApproximate ?? false, EdtfDate.Parse(c.Date).Text,
        c.Contract is null ? null : c.Contract with { Name = c.Contract.Name.Trim(), SignedOn = c.Contract.SignedOn is null ? null : EdtfDate.Parse(c.Contract.SignedOn).Text },
        c.Title?.Trim() ?? DefaultTitle(c), c.Description?.Trim(), c.Tags ?? [], c.Sources);

    /// <summary>"About 10 Su-35S delivered by Russian Federation to China".</summary>
    public static string DefaultTitle(RecordArmsDelivery c)
    {
        var quantity = c.Quantity is { } q ? (c.QuantityApproximate == true ? "About " : "") + q.ToString(CultureInfo.InvariantCulture) + " " : "";
        return $"{quantity}{c.System.Trim()} delivered by {CountryCodes.NameOf(c.Supplier)} to {CountryCodes.NameOf(c.Recipient)}";
    }
}
