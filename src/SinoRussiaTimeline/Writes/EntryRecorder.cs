using Marten;
using SinoRussiaTimeline.Corrections;
using SinoRussiaTimeline.Entries;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Resilience;

namespace SinoRussiaTimeline.Writes;

/// <summary>
/// How a request records a new entry: through <see cref="GroupCommit"/>, unless the request runs in a transaction of its
/// own (an Idempotency-Key's, <see cref="WriteTransaction"/>), whose commit must also store the key.
/// </summary>
public sealed class EntryRecorder(IServiceProvider services, WriteTransaction transaction, GroupCommit groupCommit, CorrelationContext correlation, IHttpContextAccessor http)
{
    public async Task<EntryResponse> RecordAsync<TCommand, TState>(EntryKindDefinition<TCommand, TState> kind, TCommand command, Guid? suppliedId, CancellationToken ct)
        where TCommand : class, Mediator.ICommand<EntryResponse>
        where TState : class
    {
        if (transaction.Current is not null || !groupCommit.Enabled)
            return await kind.RecordAsync(services.GetRequiredService<IDocumentSession>(), command, suppliedId, ct);
        // Not cancelled with the request: once queued, the batch commits it whether or not the client still listens.
        return await groupCommit.RecordAsync(kind, command, suppliedId, correlation, http.HttpContext is { } context ? WriteProgress.Of(context) : null);
    }
}

public static class WritesSetup
{
    public static IServiceCollection AddGroupCommit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(GroupCommitOptions.Section).Get<GroupCommitOptions>() ?? new GroupCommitOptions());
        services.AddSingleton<GroupCommitConnections>();
        services.AddSingleton<GroupCommit>();
        services.AddScoped<EntryRecorder>();
        return services;
    }
}
