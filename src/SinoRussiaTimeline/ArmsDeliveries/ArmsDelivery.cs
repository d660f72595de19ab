using JasperFx.Events;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.ArmsDeliveries;

/// <summary>Weapon categories, after the SIPRI Arms Transfers Database.</summary>
public enum ArmsCategory { Aircraft, AirDefence, AntiSubmarineWarfare, ArmouredVehicles, Artillery, Engines, Missiles, NavalWeapons, Satellites, Sensors, Ships, Other }

/// <summary>The contract a delivery belongs to (SIPRI separates the order from its deliveries).</summary>
/// <param name="Name">How the contract is known. <example>2015 Su-35 contract</example></param>
/// <param name="SignedOn">When it was signed (EDTF). <example>2015-11</example></param>
public sealed record ArmsContract(string Name, string? SignedOn = null);

public sealed record ArmsDeliveryRecorded(
    string EntryId,
    string Supplier,
    string Recipient,
    string System,
    ArmsCategory? Category,
    int? Quantity,
    bool QuantityApproximate,
    string Date,
    ArmsContract? Contract,
    string Title,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Source> Sources);

/// <summary>What only an arms delivery has.</summary>
public sealed record ArmsDeliveryDetails(string Supplier, string Recipient, string System, ArmsCategory? Category, int? Quantity, bool QuantityApproximate, ArmsContract? Contract);

/// <summary>An arms delivery corrected: the full corrected delivery, what changed, why and on what evidence.</summary>
public sealed record ArmsDeliveryCorrected(
    string EntryId, ArmsDeliveryRecorded Corrected, IReadOnlyList<FieldChange> Changes, string Reason, IReadOnlyList<Source> Sources, EntryOrigin Origin);

/// <summary>An arms delivery retracted; the delivery as it stood is kept.</summary>
public sealed record ArmsDeliveryRetracted(string EntryId, ArmsDeliveryRecorded Retracted, string Reason, EntryOrigin Origin);
