namespace SinoRussiaTimeline.Entries;

/// <summary>A citation: where a fact was reported. Every entry carries at least one.</summary>
/// <param name="Title">Title of the article, report or document. <example>Moscow Meetings Highlight Deepening Sino-Russian Defense Ties</example></param>
/// <param name="Publisher">Who published it. <example>China-US Focus</example></param>
/// <param name="PublishedOn">When it was published, as EDTF (the published clock). <example>2018-06-08</example></param>
/// <param name="Url">Where to read it, if online. <example>http://www.chinausfocus.com/foreign-policy/moscow-meetings-highlight-deepening-sino-russian-defense-ties</example></param>
/// <param name="Language">BCP 47 language tag of the source. <example>en</example></param>
/// <param name="Quote">The passage that supports the entry, verbatim.</param>
public sealed record Source(string Title, string Publisher, string? PublishedOn = null, string? Url = null, string? Language = null, string? Quote = null);

/// <summary>Where something happened.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code. <example>RU</example></param>
/// <param name="City">City, if known. <example>Moscow</example></param>
public sealed record Place(string Country, string? City = null);

public enum EntryKind { Visit, ArmsDelivery, JointStatement }

public enum EntryStatus { Active, Corrected, Retracted }

public enum OfficialRole { Visitor, Host, Signatory }

/// <summary>An official's part in an entry.</summary>
public sealed record EntryOfficial(string OfficialId, OfficialRole Role);
