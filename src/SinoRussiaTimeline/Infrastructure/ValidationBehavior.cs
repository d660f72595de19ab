using FluentValidation;
using Mediator;

namespace SinoRussiaTimeline.Infrastructure;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler, so no handler ever sees a malformed command
/// and nothing is appended for one. Field names come out as the JSON paths clients sent (<c>sources[0].title</c>).
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            foreach (var failure in result.Errors) errors.Add(ValidationRules.ToJsonPath(failure.PropertyName), failure.ErrorMessage);
        }
        errors.ThrowIfAny();
        return await next(message, cancellationToken);
    }
}
