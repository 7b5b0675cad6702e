using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Ingestion;

/// <summary>A model with stored usage and no price: how many records, from when to when.</summary>
public sealed record UnpricedModel(string Provider, string Model, long Records, DateTime First, DateTime Last);

/// <summary>What the Ingestion page shows: mappings, recent batches, unpriced models, and the rejected rows of the batch asked for.</summary>
public sealed record IngestionView(
    IReadOnlyList<SourceMapping> Mappings,
    IReadOnlyList<IngestionBatch> Batches,
    IReadOnlyList<UnpricedModel> Unpriced,
    IngestionBatch? Selected,
    IReadOnlyList<RejectedRow> Rejected);

/// <summary>The Ingestion page's reads and commands, one context per operation.</summary>
public sealed class IngestionData(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public const int BatchesShown = 20;
    public const int RejectedShown = 500;

    public async Task<IngestionView> ViewAsync(long? batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mappings = await new SourceMappingService(db, time).ListAsync(cancellationToken);
        // Unpriced records roll up under no price sheet (id 0); the hourly rollups say which models and when.
        var unpriced = (await db.HourlyRollups.AsNoTracking().Where(r => r.TokenPriceSheetId == 0)
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
        return new IngestionView(mappings, await BatchesAsync(db, cancellationToken), unpriced, selected, rejected);
    }

    public async Task<IReadOnlyList<IngestionBatch>> BatchesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await BatchesAsync(db, cancellationToken);
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

    private static Task<List<IngestionBatch>> BatchesAsync(CostInsightsDbContext db, CancellationToken cancellationToken) =>
        db.IngestionBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(BatchesShown).ToListAsync(cancellationToken);
}
