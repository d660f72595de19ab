using System.Text.RegularExpressions;
using FluentValidation;
using SinoRussiaTimeline.Countries;
using SinoRussiaTimeline.Dates;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>Field limits shared by every command, so the same field is held to the same rule everywhere.</summary>
public static class Limits
{
    public const int Title = 300;
    public const int Name = 200;
    public const int Description = 4000;
    public const int City = 100;
    public const int Tag = 50;
    public const int Tags = 20;
    public const int Sources = 20;
    public const int Officials = 50;
    public const int Aliases = 30;
    public const int Url = 2000;
    public const int Quote = 2000;
    public const int Slug = 80;
}

public static partial class ValidationRules
{
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTagPattern();

    public static IRuleBuilderOptions<T, string?> CountryCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => CountryCodes.IsKnown(code))
            .WithMessage((_, code) => string.IsNullOrEmpty(code)
                ? "A country is required (ISO 3166-1 alpha-2, e.g. CN)."
                : $"'{Truncate(code)}' is not an ISO 3166-1 alpha-2 country code (e.g. CN, RU); use upper case.");

    public static IRuleBuilderOptions<T, string?> Edtf<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => EdtfDate.TryParse(text, out _, out _))
            .WithMessage((_, text) => EdtfDate.TryParse(text, out var _, out var error) ? "" : error ?? "Not a valid EDTF date.");

    /// <summary>An optional asOf parameter: an RFC 3339 instant on the recorded clock.</summary>
    public static IRuleBuilderOptions<T, string?> AsOfInstant<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(a => a is null || AsOf.TryParse(a, out _)).WithMessage(AsOf.Message);

    public static IRuleBuilderOptions<T, string?> Slug<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Limits.Slug)
            .Must(id => id is null || SlugPattern().IsMatch(id))
            .WithMessage("Must be a lower-case slug of letters, digits and single hyphens, starting with a letter (e.g. xi-jinping).");

    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Must not be empty.")
            .MaximumLength(maxLength);

    public static IRuleBuilderOptions<T, string?> Optional<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(v => v is null || !string.IsNullOrWhiteSpace(v)).WithMessage("Must not be blank; leave it out instead.")
            .MaximumLength(maxLength);

    /// <summary>Tags: a short list of short words.</summary>
    public static void Tags<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>?>> tags)
    {
        validator.RuleFor(tags).Must(t => t is null || t.Count() <= Limits.Tags).WithMessage($"At most {Limits.Tags} tags.");
        validator.RuleForEach<string>(tags!).Required(Limits.Tag);
    }

    /// <summary>Sources: at least one, each valid.</summary>
    /// <param name="propertyName">The field as the client names it, when the expression reaches it through a member the
    /// client never sees (a command wrapping the request body).</param>
    public static void Sources<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<Source>?>> sources, bool required = true,
        string? propertyName = null)
    {
        var rule = validator.RuleFor(sources);
        if (required) rule.Must(s => s is not null && s.Any()).WithMessage("At least one source is required: every entry cites where it was reported.");
        var limit = rule.Must(s => s is null || s.Count() <= Limits.Sources).WithMessage($"At most {Limits.Sources} sources.");
        var each = validator.RuleForEach<Source>(sources!).NotNull().WithMessage("A source must be an object.").SetValidator(new SourceValidator());
        if (propertyName is null) return;
        limit.OverridePropertyName(propertyName);
        each.OverridePropertyName(propertyName);
    }

    /// <summary>"Sources[0].PublishedOn" becomes "sources[0].publishedOn": field names as clients wrote them.</summary>
    public static string ToJsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));

    public static string Truncate(string? value, int max = 40) =>
        value is null ? "" : value.Length <= max ? value : value[..max] + "…";

    /// <summary>One citation, wherever it is cited: an entry's sources and an office's are held to the same rules.</summary>
    internal sealed class SourceValidator : AbstractValidator<Source>
    {
        public SourceValidator()
        {
            RuleFor(s => s.Title).Required(Limits.Title);
            RuleFor(s => s.Publisher).Required(Limits.Name);
            RuleFor(s => s.PublishedOn).Edtf().When(s => s.PublishedOn is not null);
            RuleFor(s => s.Url).MaximumLength(Limits.Url)
                .Must(u => u is null || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
                .WithMessage("Must be an absolute http or https URL.");
            RuleFor(s => s.Language).Must(l => l is null || (l.Length <= 35 && LanguageTagPattern().IsMatch(l)))
                .WithMessage("Must be a BCP 47 language tag (e.g. en, zh-Hans, ru).");
            RuleFor(s => s.Quote).Optional(Limits.Quote);
        }
    }
}
