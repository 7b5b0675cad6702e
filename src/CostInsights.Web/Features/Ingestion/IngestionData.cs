using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>A model with stored usage and no price: how many records, from when to when.</summary>
public sealed record UnpricedModel(string Provider, string Model, long Records, DateTime First, DateTime Last);

/// <summary>What the Ingestion page shows besides its batches: mappings, unpriced models, and the rejected rows of the batch asked for.</summary>
public sealed record IngestionView(
    IReadOnlyList<SourceMapping> Mappings,
    IReadOnlyList<UnpricedModel> Unpriced,
    IngestionBatch? Selected,
    IReadOnlyList<RejectedRow> Rejected);

/// <summary>The Ingestion page's reads and commands, one context per operation.</summary>
public sealed class IngestionData(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public const int RejectedShown = 500;

    public async Task<IngestionView> ViewAsync(long? batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mappings = await new SourceMappingService(db, time).ListAsync(cancellationToken);
        // Unpriced records roll up under no price sheet (id 0); the daily rollups say which models and on which days.
        var unpriced = (await db.DailyRollups.AsNoTracking().Where(r => r.TokenPriceSheetId == 0)
                .GroupBy(r => new { r.Provider, r.Model })
                .Select(g => new UnpricedModel(g.Key.Provider, g.Key.Model, g.Sum(r => r.RecordCount), g.Min(r => r.PeriodStart), g.Max(r => r.PeriodStart)))
                .ToListAsync(cancellationToken))
            .OrderByDescending(u => u.Records).ToList();
        IngestionBatch? selected = null;
        List<RejectedRow> rejected = [];
        if (batchId is { } id)
        {
            selected = await db.IngestionBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            rejected = await db.RejectedRows.AsNoTracking().Where(r => r.IngestionBatchId == id).OrderBy(r => r.LineNumber).Take(RejectedShown)
                .ToListAsync(cancellationToken);
        }
        return new IngestionView(mappings, unpriced, selected, rejected);
    }

    /// <summary>
    /// One page (from 0) of the batches whose file name contains <paramref name="search"/>, of one status or all, newest first
    /// unless asked; and how many match.
    /// </summary>
    public async Task<(IReadOnlyList<IngestionBatch> Batches, int Total)> BatchesAsync(string? search, IngestionStatus? status, bool oldestFirst,
        int page, int size, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var batches = db.IngestionBatches.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SqlLike.Containing(search.Trim());
            batches = batches.Where(b => EF.Functions.Like(b.FileName, pattern, SqlLike.EscapeCharacter));
        }
        if (status is { } only)
        {
            batches = batches.Where(b => b.Status == only);
        }
        var ordered = oldestFirst ? batches.OrderBy(b => b.Id) : batches.OrderByDescending(b => b.Id);
        return (await ordered.Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken), await batches.CountAsync(cancellationToken));
    }

    /// <summary>The batches of these ids as they are now.</summary>
    public async Task<IReadOnlyList<IngestionBatch>> BatchesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IngestionBatches.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>Saves a mapping; null, or what is wrong with it.</summary>
    public async Task<string?> SaveMappingAsync(string? name, string? columns, string? constants, string user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await new SourceMappingService(db, time).SaveAsync(name, columns, constants, user, cancellationToken);
    }

    public async Task DeleteMappingAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await new SourceMappingService(db, time).DeleteAsync(id, cancellationToken);
    }
}
