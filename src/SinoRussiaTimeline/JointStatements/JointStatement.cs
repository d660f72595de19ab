using JasperFx.Events;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.JointStatements;

public sealed record JointStatementRecorded(
    string EntryId,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> SignatoryIds,
    string Title,
    string Date,
    Place? Place,
    string? Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Source> Sources);

/// <summary>What only a joint statement has.</summary>
public sealed record JointStatementDetails(string? Summary);
