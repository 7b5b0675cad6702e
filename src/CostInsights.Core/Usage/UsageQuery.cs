using System.Runtime.CompilerServices;
using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Usage;

/// <summary>What the Usage explorer shows: a period (start inclusive, end exclusive, UTC) and optional dimensions.</summary>
public sealed record UsageFilter(DateTime From, DateTime To, string? Provider = null, string? Model = null, string? Team = null, string? Project = null,
    string? Tag = null, string? Application = null)
{
    /// <summary>Project, application and tags are kept on records only; the other dimensions are in the rollups too.</summary>
    public bool NeedsRecords => Project is not null || Tag is not null || Application is not null;
}

/// <summary>Usage summed over some period: one day, or the whole filter.</summary>
public sealed record UsageSum(long Records, long Requests, long InputTokens, long OutputTokens, long CachedInputTokens, decimal TokenCost, decimal ComputeCost,
    long UnpricedRecords)
{
    public static readonly UsageSum Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    public UsageSum Plus(UsageSum s) => new(Records + s.Records, Requests + s.Requests, InputTokens + s.InputTokens, OutputTokens + s.OutputTokens,
        CachedInputTokens + s.CachedInputTokens, TokenCost + s.TokenCost, ComputeCost + s.ComputeCost, UnpricedRecords + s.UnpricedRecords);

    public UsageSum Add(UsageSlice s) => new(Records + s.Records, Requests + s.Requests, InputTokens + s.InputTokens, OutputTokens + s.OutputTokens,
        CachedInputTokens + s.CachedInputTokens, TokenCost + s.TokenCost, ComputeCost + s.ComputeCost, UnpricedRecords + (s.Unpriced ? s.Records : 0));
}

/// <summary>Usage of one provider, model and team at one time: an hourly rollup, or a record.</summary>
public sealed record UsageSlice(DateTime At, string Provider, string Model, string Team, long Records, long Requests, long InputTokens, long OutputTokens,
    long CachedInputTokens, decimal TokenCost, decimal ComputeCost, bool Unpriced);

/// <summary>The values the explorer's filters offer: those the rollups hold, so that reading them costs the same at any size.</summary>
public sealed record UsageFilterOptions(IReadOnlyList<string> Providers, IReadOnlyList<string> Models, IReadOnlyList<string> Teams);

/// <summary>How the explorer's table is ordered.</summary>
public enum UsageSort
{
    Time,
    Model,
    Team,
    Tokens,
    Cost,
}

/// <summary>
/// Reads usage for the explorer and its exports: a page of records in any order; every record, or
/// every hour's usage, as a stream; the period's cost lines. Sums are the spend read model's.
/// </summary>
public sealed class UsageQuery(CostInsightsDbContext db)
{
    public IQueryable<UsageRecord> Records(UsageFilter f) => db.UsageRecords.AsNoTracking().Matching(f);

    /// <summary>Usage of the filter as slices: hourly rollups where they suffice, records otherwise.</summary>
    public async IAsyncEnumerable<UsageSlice> SlicesAsync(UsageFilter f, bool fromRecords = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (f.NeedsRecords || fromRecords)
        {
            var records = Records(f).Select(r => new UsageSlice(r.OccurredAt, r.Provider, r.Model, r.Team, 1, r.Requests, r.InputTokens, r.OutputTokens,
                r.CachedInputTokens, r.TokenCost, r.ComputeCost ?? 0m, r.IsUnpriced));
            await foreach (var slice in records.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return slice;
            }
            yield break;
        }
        var slices = db.HourlyRollups.AsNoTracking().Matching(f).Select(r => new UsageSlice(r.PeriodStart, r.Provider, r.Model, r.Team, r.RecordCount,
            r.Requests, r.InputTokens, r.OutputTokens, r.CachedInputTokens, r.TokenCost, r.ComputeCost ?? 0m, r.TokenPriceSheetId == 0));
        await foreach (var slice in slices.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return slice;
        }
    }

    /// <summary>One page of the filter's records in the chosen order (costs ordered as numbers on every provider).</summary>
    public Task<List<UsageRecord>> PageAsync(UsageFilter f, UsageSort sort, bool descending, int page, int size, CancellationToken cancellationToken)
    {
        var query = Records(f);
        IOrderedQueryable<UsageRecord> ordered = (sort, descending) switch
        {
            (UsageSort.Model, false) => query.OrderBy(r => r.Provider).ThenBy(r => r.Model),
            (UsageSort.Model, true) => query.OrderByDescending(r => r.Provider).ThenByDescending(r => r.Model),
            (UsageSort.Team, false) => query.OrderBy(r => r.Team),
            (UsageSort.Team, true) => query.OrderByDescending(r => r.Team),
            (UsageSort.Tokens, false) => query.OrderBy(r => r.InputTokens + r.OutputTokens),
            (UsageSort.Tokens, true) => query.OrderByDescending(r => r.InputTokens + r.OutputTokens),
            (UsageSort.Cost, false) => query.OrderBy(r => (double)r.TokenCost),
            (UsageSort.Cost, true) => query.OrderByDescending(r => (double)r.TokenCost),
            (_, false) => query.OrderBy(r => r.OccurredAt),
            _ => query.OrderByDescending(r => r.OccurredAt),
        };
        return ordered.ThenBy(r => r.Id).Skip(Math.Max(0, page - 1) * size).Take(size).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Billed and compute-time cost lines whose period starts in the filter's, by provider, model and
    /// team, in order of their periods; none when the filter names a project, an application or a tag,
    /// which cost lines do not carry.
    /// </summary>
    public IQueryable<CostLine> CostLines(UsageFilter f)
    {
        var lines = db.CostLines.AsNoTracking().Where(l => l.PeriodStart >= f.From && l.PeriodStart < f.To);
        if (f.NeedsRecords) lines = lines.Where(l => false);
        if (f.Provider is { } provider) lines = lines.Where(l => l.Provider == provider);
        if (f.Model is { } model) lines = lines.Where(l => l.Model == model);
        if (f.Team is { } team) lines = lines.Where(l => l.Team == team);
        return lines.OrderBy(l => l.PeriodStart).ThenBy(l => l.Id);
    }

    /// <summary>
    /// The filter's cost lines counted and summed by kind, every one of them. The amounts are added here, not in the
    /// database: SQLite has no decimal to add them in.
    /// </summary>
    public async Task<IReadOnlyList<CostLineTotal>> CostLineTotalsAsync(UsageFilter f, CancellationToken cancellationToken)
    {
        var totals = new SortedDictionary<string, CostLineTotal>(StringComparer.Ordinal);
        await foreach (var line in CostLines(f).Select(l => new { l.Kind, l.Amount }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var total = totals.GetValueOrDefault(line.Kind, new CostLineTotal(line.Kind, 0m, 0));
            totals[line.Kind] = total with { Amount = total.Amount + line.Amount, Lines = total.Lines + 1 };
        }
        return [.. totals.Values];
    }

    public async Task<UsageFilterOptions> FilterOptionsAsync(CancellationToken cancellationToken)
    {
        var series = await db.MonthlyRollups.AsNoTracking().Select(r => new { r.Provider, r.Model, r.Team }).Distinct().ToListAsync(cancellationToken);
        return new UsageFilterOptions(
            [.. series.Select(s => s.Provider).Distinct().Order(StringComparer.Ordinal)],
            [.. series.Select(s => s.Model).Distinct().Order(StringComparer.Ordinal)],
            [.. series.Select(s => s.Team).Distinct().Order(StringComparer.Ordinal)]);
    }
}
