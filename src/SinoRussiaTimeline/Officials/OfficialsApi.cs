using FluentValidation;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using SinoRussiaTimeline.Idempotency;
using SinoRussiaTimeline.Infrastructure;
using SinoRussiaTimeline.Security;

namespace SinoRussiaTimeline.Officials;

public sealed record GetOfficial(string OfficialId) : IQuery<OfficialResponse>;

public sealed class GetOfficialHandler(IQuerySession session) : IQueryHandler<GetOfficial, OfficialResponse>
{
    public async ValueTask<OfficialResponse> Handle(GetOfficial query, CancellationToken cancellationToken) =>
        OfficialResponse.From(await session.LoadAsync<Official>(query.OfficialId, cancellationToken)
                              ?? throw new ResourceNotFoundException($"No official with id '{ValidationRules.Truncate(query.OfficialId)}'."));
}

/// <summary>Officials, optionally searched by any name or alias.</summary>
public sealed record ListOfficials : IQuery<OfficialsPage>
{
    /// <summary>Text found in any name or alias, in any script; case and diacritics ignored. <example>shoygu</example></summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Only officials serving this country. <example>CN</example></summary>
    [FromQuery(Name = "country")]
    public string? Country { get; init; }

    /// <summary>Page size, 1 to 500; 100 by default.</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The nextCursor of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

public sealed record OfficialsPage(IReadOnlyList<OfficialResponse> Items, string? NextCursor);

public sealed class ListOfficialsValidator : AbstractValidator<ListOfficials>
{
    public ListOfficialsValidator()
    {
        // The search runs in PostgreSQL, which refuses a null character in text.
        RuleFor(q => q.Q).MaximumLength(200).Must(q => q is null || !q.Contains('\0', StringComparison.Ordinal)).WithMessage(StorableTextConverter.Message);
        RuleFor(q => q.Country).CountryCode().When(q => q.Country is not null);
        RuleFor(q => q.Limit).InclusiveBetween(1, 500).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).Slug().When(q => q.Cursor is not null).WithMessage("Not a cursor this service issued; use nextCursor from the previous page.");
    }
}

public sealed class ListOfficialsHandler(IQuerySession session) : IQueryHandler<ListOfficials, OfficialsPage>
{
    public async ValueTask<OfficialsPage> Handle(ListOfficials query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 100;
        var officials = session.Query<Official>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var folded = TextFolding.Fold(query.Q.Trim());
            officials = officials.Where(o => o.SearchText.Contains(folded));
        }
        if (query.Country is { } country) officials = officials.Where(o => o.Country == country);
        // Ids are unique and ordered, so the last id served is a complete cursor. The comparison must run in PostgreSQL, with the
        // same collation as the ORDER BY below: Marten translates CompareTo to ">", but not string.Compare with a StringComparison.
        if (query.Cursor is { } after) officials = officials.Where(o => o.Id.CompareTo(after) > 0);
        var page = await officials.OrderBy(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return new OfficialsPage(page.Take(limit).Select(OfficialResponse.From).ToList(), page.Count > limit ? page[limit - 1].Id : null);
    }
}

public static class OfficialsApi
{
    public static IEndpointRouteBuilder MapOfficials(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/officials").WithTags("Officials").WithIdempotencyKey();

        group.MapPost("/", async Task<Created<OfficialResponse>> (RegisterOfficial command, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Created(http, await mediator.Send(command, ct)))
            .WithName("RegisterOfficial")
            .RequireAuthorization(TimelineRoles.Editor)
            .WithSummary("Register an official. The id is derived from the English name when left out; a taken id is a 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPost("/{officialId}/offices", async Task<Created<OfficialResponse>> (string officialId, OfficeInput office, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Created(http, await mediator.Send(new RecordOffice(officialId, office), ct)))
            .WithName("RecordOffice")
            .RequireAuthorization(TimelineRoles.Editor)
            .WithSummary("Record an office the official held, with its tenure as EDTF. Answers with the official.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/", async ([AsParameters] ListOfficials query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName("ListOfficials")
            .WithSummary("Officials in id order; q searches every name and alias, ignoring case and diacritics.")
            .ProducesValidationProblem();

        group.MapGet("/{officialId}", async (string officialId, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var official = await mediator.Send(new GetOfficial(officialId), ct);
                http.Response.Headers.ETag = ETags.For(official.Version);
                return TypedResults.Ok(official);
            })
            .WithName("GetOfficial")
            .WithSummary("An official: names, aliases, country and offices.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Created<OfficialResponse> Created(HttpContext http, OfficialResponse official)
    {
        http.Response.Headers.ETag = ETags.For(official.Version);
        return TypedResults.Created($"/api/officials/{official.Id}", official);
    }
}
