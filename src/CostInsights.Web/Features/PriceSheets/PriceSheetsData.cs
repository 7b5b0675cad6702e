using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.PriceSheets;

/// <summary>One version of a price sheet in the history.</summary>
public sealed record SheetRow(int Id, string Name, int Version, PriceSheetStatus Status, bool IsDated, DateTime EffectiveFrom, DateTime UploadedAt,
    string UploadedBy, string Format, int TokenPrices, int CapacityOffers, DateTime? RepriceFrom, DateTime? RepricedAt);

/// <summary>The price-sheet pages' reads and commands, one context per operation.</summary>
public sealed class PriceSheetsData(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time, IRepriceQueue reprices)
{
    /// <summary>
    /// One page of the history, newest first unless sorted by name, version or effective date, with names containing
    /// <paramref name="search"/> when given; and how many versions match.
    /// </summary>
    public async Task<(IReadOnlyList<SheetRow> Rows, int Count)> HistoryAsync(string? search, string? sortBy, bool descending, int page, int size,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sheets = db.PriceSheets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SqlLike.Containing(search.Trim());
            sheets = sheets.Where(s => EF.Functions.Like(s.Name, pattern, SqlLike.EscapeCharacter));
        }
        IOrderedQueryable<PriceSheet> ordered = (sortBy, descending) switch
        {
            (nameof(SheetRow.Name), false) => sheets.OrderBy(s => s.Name).ThenByDescending(s => s.Version),
            (nameof(SheetRow.Name), true) => sheets.OrderByDescending(s => s.Name).ThenByDescending(s => s.Version),
            (nameof(SheetRow.Version), false) => sheets.OrderBy(s => s.Version),
            (nameof(SheetRow.Version), true) => sheets.OrderByDescending(s => s.Version),
            (nameof(SheetRow.EffectiveFrom), false) => sheets.OrderBy(s => s.EffectiveFrom),
            (nameof(SheetRow.EffectiveFrom), true) => sheets.OrderByDescending(s => s.EffectiveFrom),
            (nameof(SheetRow.UploadedAt), false) => sheets.OrderBy(s => s.Id),
            _ => sheets.OrderByDescending(s => s.Id),
        };
        var rows = await ordered.ThenByDescending(s => s.Id).Skip(Math.Max(0, page) * size).Take(size)
            .Select(s => new SheetRow(s.Id, s.Name, s.Version, s.Status, s.IsDated, s.EffectiveFrom, s.UploadedAt, s.UploadedBy, s.Format,
                s.TokenPrices.Count, s.CapacityOffers.Count, s.RepriceFrom, s.RepricedAt))
            .ToListAsync(cancellationToken);
        return (rows, await sheets.CountAsync(cancellationToken));
    }

    /// <summary>The sheet and what activating it changes (or changed), or null when there is no such sheet.</summary>
    public async Task<PriceSheetPreview?> PreviewAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PriceSheets.AnyAsync(s => s.Id == id, cancellationToken)
            ? await new PriceSheetService(db, time, reprices).PreviewAsync(id, cancellationToken)
            : null;
    }

    /// <summary>Every token price a sheet holds, by provider, model, tier and date.</summary>
    public async Task<IReadOnlyList<TokenPrice>> TokenPricesAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TokenPrices.AsNoTracking().Where(p => p.PriceSheetId == id)
            .OrderBy(p => p.Provider).ThenBy(p => p.Model).ThenBy(p => p.ServiceTier).ThenBy(p => p.EffectiveFrom)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Activates a draft; whether it was, and what happened in words.</summary>
    public async Task<(bool Succeeded, string Message)> ActivateAsync(int id, DateTime? effectiveFrom, bool warningsConfirmed, string user,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var result = await new PriceSheetService(db, time, reprices).ActivateAsync(id, effectiveFrom, warningsConfirmed, user, cancellationToken);
        return (result.Succeeded, !result.Succeeded
            ? $"Not activated: {result.Error}."
            : result.RepriceFrom is { } reprice
                ? $"Activated. Usage from {reprice:yyyy-MM-dd} on is being re-priced in the background."
                : "Activated. No usage already priced is affected.");
    }

    public async Task<IReadOnlyList<PriceInForce>> PricesInForceAsync(string model, DateTime at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await new PriceSheetService(db, time, reprices).PricesInForceAsync(model, at, cancellationToken);
    }
}
