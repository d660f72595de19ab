using FluentValidation;
using SinoRussiaTimeline.Infrastructure;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// A validator's failures keyed as clients see them (<see cref="ValidationBehavior{TMessage,TResponse}"/> turns property
/// names into JSON paths). Messages may use FluentValidation's default display names here, since Program.cs is not run, so
/// tests assert field names and key words rather than whole default messages.
/// </summary>
internal static class ValidationErrors
{
    public static IReadOnlyDictionary<string, string[]> Of<T>(IValidator<T> validator, T instance) =>
        validator.Validate(instance).Errors
            .GroupBy(e => ValidationRules.ToJsonPath(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal);

    /// <summary>Exactly one field is rejected, and one of its messages contains every key word.</summary>
    public static void ShouldRejectOnly(this IReadOnlyDictionary<string, string[]> errors, string field, params string[] keyWords)
    {
        errors.Keys.ShouldBe([field], $"errors: {Describe(errors)}");
        errors[field].ShouldContain(m => keyWords.All(w => m.Contains(w, StringComparison.Ordinal)),
            $"no message of '{field}' contains all of [{string.Join(", ", keyWords)}]: {Describe(errors)}");
    }

    /// <summary>The field is among the rejected ones, with a message containing every key word.</summary>
    public static void ShouldReject(this IReadOnlyDictionary<string, string[]> errors, string field, params string[] keyWords)
    {
        errors.ShouldContainKey(field, $"errors: {Describe(errors)}");
        errors[field].ShouldContain(m => keyWords.All(w => m.Contains(w, StringComparison.Ordinal)),
            $"no message of '{field}' contains all of [{string.Join(", ", keyWords)}]: {Describe(errors)}");
    }

    public static void ShouldBeValid(this IReadOnlyDictionary<string, string[]> errors) =>
        errors.ShouldBeEmpty($"errors: {Describe(errors)}");

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0 ? "none" : string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"));
}
