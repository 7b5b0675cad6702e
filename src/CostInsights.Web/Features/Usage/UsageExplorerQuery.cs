using CostInsights.Core.Data;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Usage;

/// <summary>One group's spend over the whole period: a provider, model, team, project, application or tag value.</summary>
public sealed record UsageGroup(string Key, UsageSum Sum, bool HasCompute);

/// <summary>What the Usage explorer shows for its address: the period's totals, its spend by group and period, its charges.</summary>
public sealed record UsageExplorerView(
    UsageFilterForm Form,
    UsageFilter? Filter,
    string? Problem,
    DateTime Today,
    SpendGrain Grain,
    SpendDimension By,
    UsageFilterOptions Options,
    IReadOnlyList<string> TagKeys,
    UsageSum Total,
    IReadOnlyList<SpendRow> Rows,
    IReadOnlyList<UsageGroup> Groups,
    IReadOnlyList<CostLineTotal> LineTotals)
{
    public bool IsEmpty => Total.Records == 0 && LineTotals.Count == 0;
}

/// <summary>Reads the Usage explorer: sums from the spend read model, pages of records, and the values its filters offer.</summary>
public sealed class UsageExplorerQuery(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public const int MaxTagKeys = 100;

    public async Task<UsageExplorerView> ViewAsync(UsageFilterForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var usage = new UsageQuery(db);
        var today = time.GetUtcNow().UtcDateTime.Date;
        var options = await usage.FilterOptionsAsync(cancellationToken);
        var (filter, problem) = form.Resolve(today);
        var by = form.Dimension;
        if (filter is null)
        {
            return new UsageExplorerView(form, null, problem, today, SpendGrain.Day, by, options, [], UsageSum.Zero, [], [], []);
        }
        var grain = form.GrainFor(filter);
        var tagKeys = by == SpendDimension.Tag ? await TagKeysAsync(db, filter, cancellationToken) : [];
        var tagKey = form.TagKey ?? tagKeys.FirstOrDefault();
        var rows = await new SpendReadModel(db).ReadAsync(new SpendQuery(filter, grain, by, tagKey), cancellationToken);
        var groups = rows.GroupBy(r => r.Key)
            .Select(g => new UsageGroup(g.Key, g.Aggregate(UsageSum.Zero, (sum, r) => sum.Plus(r.Sum)), g.Any(r => r.HasCompute)))
            .OrderByDescending(g => g.Sum.TokenCost).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var total = groups.Aggregate(UsageSum.Zero, (sum, g) => sum.Plus(g.Sum));
        var lineTotals = await usage.CostLineTotalsAsync(filter, cancellationToken);
        return new UsageExplorerView(form with { TagKey = tagKey }, filter, null, today, grain, by, options, tagKeys, total, rows, groups, lineTotals);
    }

    /// <summary>One page of the filter's records in the chosen order, and how many there are.</summary>
    public async Task<(List<UsageRecord> Records, long Count)> PageAsync(UsageFilter filter, UsageSort sort, bool descending, int page, int size,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var usage = new UsageQuery(db);
        var records = await usage.PageAsync(filter, sort, descending, page, size, cancellationToken);
        var count = await new SpendReadModel(db).TotalAsync(filter, cancellationToken);
        return (records, count.Sum.Records);
    }

    /// <summary>One page of the filter's billed and compute-time cost lines, in order of their periods.</summary>
    public async Task<List<CostLine>> LinePageAsync(UsageFilter filter, int page, int size, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await new UsageQuery(db).CostLines(filter).Skip(page * size).Take(size).ToListAsync(cancellationToken);
    }

    /// <summary>The keys of <c>key=value</c> tags on the period's records, in order.</summary>
    private static async Task<IReadOnlyList<string>> TagKeysAsync(CostInsightsDbContext db, UsageFilter filter, CancellationToken cancellationToken)
    {
        // The first 10,000 distinct tag sets in order, so that the same records always offer the same keys.
        var stored = await db.UsageRecords.AsNoTracking().Matching(filter).Where(r => r.Tags != null).Select(r => r.Tags!).Distinct()
            .OrderBy(t => t).Take(10_000).ToListAsync(cancellationToken);
        return [.. stored.SelectMany(UsageTags.Split).Select(t => t.Split('=', 2)).Where(t => t.Length == 2 && t[0].Length > 0).Select(t => t[0])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxTagKeys)];
    }
}
