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

/// <summary>A joint statement corrected: the full corrected statement, what changed, why and on what evidence.</summary>
public sealed record JointStatementCorrected(
    string EntryId, JointStatementRecorded Corrected, IReadOnlyList<FieldChange> Changes, string Reason, IReadOnlyList<Source> Sources, EntryOrigin Origin);

/// <summary>A joint statement retracted; the statement as it stood is kept.</summary>
public sealed record JointStatementRetracted(string EntryId, JointStatementRecorded Retracted, string Reason, EntryOrigin Origin);
