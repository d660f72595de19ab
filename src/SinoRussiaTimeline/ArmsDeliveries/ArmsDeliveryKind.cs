using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using SinoRussiaTimeline.Corrections;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Officials;

namespace SinoRussiaTimeline.ArmsDeliveries;

/// <summary>How an arms delivery becomes an entry, and back.</summary>
public static class ArmsDeliveryEntry
{
    public static T From<T>(ArmsDeliveryRecorded d) where T : TimelineEntry, new()
    {
        var entry = TimelineEntry.New<T>(d.EntryId, EntryKind.ArmsDelivery, d.Date, d.Title);
        entry.Description = d.Description;
        entry.Countries = [d.Supplier, d.Recipient];
        entry.Place = new Place(d.Recipient);
        entry.Tags = [.. d.Tags];
        entry.Sources = [.. d.Sources];
        entry.ArmsDelivery = new ArmsDeliveryDetails(d.Supplier, d.Recipient, d.System, d.Category, d.Quantity, d.QuantityApproximate, d.Contract);
        entry.WithSearchText(d.Title, d.Description, d.System, d.Category?.ToString(), d.Contract?.Name,
            CountryCodes.NameOf(d.Supplier), CountryCodes.NameOf(d.Recipient));
        return entry;
    }

    public static ArmsDeliveryRecorded StateOf(TimelineEntry e)
    {
        var d = e.ArmsDelivery!;
        return new(e.Id, d.Supplier, d.Recipient, d.System, d.Category, d.Quantity, d.QuantityApproximate, e.Date, d.Contract, e.Title, e.Description, e.Tags, e.Sources);
    }
}

public sealed class ArmsDeliveryKind(IValidator<RecordArmsDelivery> validator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : EntryKindDefinition<RecordArmsDelivery, ArmsDeliveryRecorded>(validator, json)
{
    public override EntryKind Kind => EntryKind.ArmsDelivery;

    public override ArmsDeliveryRecorded StateOf(TimelineEntry entry) => ArmsDeliveryEntry.StateOf(entry);

    public override RecordArmsDelivery CommandOf(ArmsDeliveryRecorded d)
    {
        var command = new RecordArmsDelivery(
            d.Supplier, d.Recipient, d.System,
            d.Category is { } category ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(category.ToString()) : null,
            d.Quantity, d.QuantityApproximate, d.Date, d.Contract, d.Title, d.Description, d.Tags, d.Sources, Guid.Parse(d.EntryId));
        // A title that reads exactly as the one derived from the delivery's own fields is left out, as it was when recorded,
        // so that a correction of the quantity, the system or the countries derives it again ("10 Su-35S …" does not stay
        // beside a quantity of 24). A title an editor wrote is kept as written.
        return command.Title == RecordArmsDeliveryHandler.DefaultTitle(command) ? command with { Title = null } : command;
    }

    public override ArmsDeliveryRecorded Decide(RecordArmsDelivery command, string entryId, IReadOnlyDictionary<string, Official> officials) =>
        RecordArmsDeliveryHandler.Decide(command, entryId);

    protected override IReadOnlyList<Source> SourcesOf(ArmsDeliveryRecorded state) => state.Sources;

    protected override ArmsDeliveryRecorded WithSources(ArmsDeliveryRecorded state, IReadOnlyList<Source> sources) => state with { Sources = sources };

    protected override object Corrected(ArmsDeliveryRecorded before, ArmsDeliveryRecorded after, IReadOnlyList<FieldChange> changes, CorrectionNote note, EntryOrigin origin) =>
        new ArmsDeliveryCorrected(after.EntryId, after, changes, note.Reason, note.Sources, origin);

    protected override object Retracted(ArmsDeliveryRecorded state, string reason, EntryOrigin origin) =>
        new ArmsDeliveryRetracted(state.EntryId, state, reason, origin);
}
