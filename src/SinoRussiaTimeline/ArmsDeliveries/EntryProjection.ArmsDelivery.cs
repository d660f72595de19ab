using JasperFx.Events;
using SinoRussiaTimeline.ArmsDeliveries;
using SinoRussiaTimeline.Countries;

// This file sits with its kind but extends the projection in Entries/: partial classes share one namespace.
namespace SinoRussiaTimeline.Entries;

public sealed partial class EntryProjection
{
    public static TimelineEntry Create(IEvent<ArmsDeliveryRecorded> e)
    {
        var d = e.Data;
        var entry = TimelineEntry.Start(e, d.EntryId, EntryKind.ArmsDelivery, d.Date, d.Title);
        entry.Description = d.Description;
        entry.Countries = [d.Supplier, d.Recipient];
        entry.Place = new Place(d.Recipient);
        entry.Tags = [.. d.Tags];
        entry.Sources = [.. d.Sources];
        entry.ArmsDelivery = new ArmsDeliveryDetails(d.Supplier, d.Recipient, d.System, d.Category, d.Quantity, d.QuantityApproximate, d.Contract);
        return entry.WithSearchText(d.Title, d.Description, d.System, d.Category?.ToString(), d.Contract?.Name,
            CountryCodes.NameOf(d.Supplier), CountryCodes.NameOf(d.Recipient));
    }
}
