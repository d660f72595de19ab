namespace SinoRussiaTimeline.Infrastructure;

// Failures that handlers raise and the HTTP layer turns into problem details. Exceptions keep the handlers linear; the
// single translation point (ProblemDetailsExceptionHandler) guarantees every error has the same shape.

/// <summary>One or more fields of a request are invalid: 400 with an <c>errors</c> object naming each field.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The resource named in the route does not exist: 404.</summary>
public sealed class ResourceNotFoundException(string message) : Exception(message);

/// <summary>The request conflicts with what is stored (a duplicate id): 409.</summary>
public sealed class ResourceConflictException(string message) : Exception(message);

/// <summary>Collects field errors in the order they are found, so a client sees every problem at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public void ThrowIfAny()
    {
        if (Any) throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}

/// <summary>A write that must name the version it changes did not: 428.</summary>
public sealed class PreconditionMissingException(string message) : Exception(message);

/// <summary>The version named in If-Match is not the current one: 412, with the current version.</summary>
public sealed class StaleVersionException(long expected, long current)
    : Exception($"The entry is at version {current}, not {expected}: someone changed it since you read it. Read it again and reapply your change.")
{
    public long Current { get; } = current;
}
