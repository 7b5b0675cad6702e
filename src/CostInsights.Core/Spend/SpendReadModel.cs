using System.Linq.Expressions;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace CostInsights.Core.Spend;

/// <summary>
/// Spend by period and dimension, summed in SQL (exactly, on either database: SQLite's decimal sums are EF Core's
/// <c>ef_sum</c>). It reads the monthly rollups for whole months when spend is summed by month, the daily rollups for whole
/// days, the hourly rollups for the hours of a day the period cuts (a day or month the period cuts counts as whole when
/// nothing of it lies outside the period), and the records only for what rollups do not carry (project, application, tags).
/// SQL sums each day or month of each group; weeks, cut months and tag values are folded from those rows.
/// </summary>
public sealed class SpendReadModel(CostInsightsDbContext db)
{
    public async Task<IReadOnlyList<SpendRow>> ReadAsync(SpendQuery query, CancellationToken cancellationToken)
    {
        var f = query.Filter;
        List<Summed> rows;
        if (query.NeedsRecords)
        {
            rows = await SumRecordsAsync(db.UsageRecords.AsNoTracking().Matching(f), RecordKey(query.By), RecordKey(query.ThenBy), cancellationToken);
        }
        else
        {
            rows = [];
            foreach (var (span, tier) in await SpansAsync(f, query.Grain == SpendGrain.Month, cancellationToken))
            {
                rows.AddRange(await SumTierAsync(tier, span, query, cancellationToken));
            }
        }
        return Fold(rows, query);
    }

    /// <summary>The filter's total: the sum of every row of a read.</summary>
    public async Task<SpendRow> TotalAsync(UsageFilter filter, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(new SpendQuery(filter, SpendGrain.Month), cancellationToken);
        return rows.Aggregate(new SpendRow(filter.From, "", UsageSum.Zero, false, false),
            (total, row) => Add(total, row.Sum, row.HasCompute, row.ComputeIsEstimated));
    }

    /// <summary>The start of the day, ISO week or month that holds <paramref name="at"/>.</summary>
    public static DateTime PeriodOf(DateTime at, SpendGrain grain)
    {
        var day = DateTime.SpecifyKind(at.Date, DateTimeKind.Utc);
        return grain switch
        {
            SpendGrain.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            SpendGrain.Month => day.AddDays(1 - day.Day),
            _ => day,
        };
    }

    private enum Tier
    {
        Hour,
        Day,
        Month,
    }

    /// <summary>The start of the day, ISO week or month after the one that starts at <paramref name="start"/>.</summary>
    public static DateTime NextPeriod(DateTime start, SpendGrain grain) => grain switch
    {
        SpendGrain.Month => start.AddMonths(1),
        SpendGrain.Week => start.AddDays(7),
        _ => start.AddDays(1),
    };

    /// <summary>
    /// The period cut into spans, each read from the coarsest rollups that hold it whole: months (when spend is summed by
    /// month), then days, and hours at the ends. So a year by month reads 12 rows a group, and 7 whole days 7.
    /// </summary>
    private async Task<List<(UsageFilter Span, Tier Tier)>> SpansAsync(UsageFilter f, bool byMonth, CancellationToken cancellationToken)
    {
        List<(UsageFilter, Tier)> spans = [];
        List<UsageFilter> rest = [f];
        if (byMonth && await WholeAsync(f, RollupAccumulator.MonthOf, m => m.AddMonths(1), cancellationToken) is var (firstMonth, lastMonth)
            && firstMonth < lastMonth)
        {
            spans.Add((f with { From = firstMonth, To = lastMonth }, Tier.Month));
            rest = Ends(f, firstMonth, lastMonth);
        }
        foreach (var part in rest)
        {
            if (await WholeAsync(part, RollupAccumulator.DayOf, d => d.AddDays(1), cancellationToken) is var (firstDay, lastDay) && firstDay < lastDay)
            {
                spans.Add((part with { From = firstDay, To = lastDay }, Tier.Day));
                spans.AddRange(Ends(part, firstDay, lastDay).Select(end => (end, Tier.Hour)));
            }
            else
            {
                spans.Add((part, Tier.Hour));
            }
        }
        return spans;
    }

    /// <summary>What is left of the period before <paramref name="first"/> and from <paramref name="last"/>.</summary>
    private static List<UsageFilter> Ends(UsageFilter f, DateTime first, DateTime last) =>
        [.. new[] { f with { To = first }, f with { From = last } }.Where(end => end.From < end.To)];

    /// <summary>
    /// The days or months the period holds whole: those inside it, and one it cuts when nothing of that day or month matching the
    /// filter lies outside the period (a period that runs to now holds today and this month so far: the rest has not happened).
    /// </summary>
    private async Task<(DateTime First, DateTime Last)> WholeAsync(UsageFilter f, Func<DateTime, DateTime> start, Func<DateTime, DateTime> next,
        CancellationToken cancellationToken)
    {
        var (first, last) = (start(f.From) == f.From ? f.From : next(start(f.From)), start(f.To));
        Task<bool> AnyAsync(DateTime from, DateTime to) =>
            db.HourlyRollups.AsNoTracking().Matching(f with { From = from, To = to }).AnyAsync(cancellationToken);
        if (f.From < first && !await AnyAsync(start(f.From), f.From))
        {
            first = start(f.From);
        }
        if (last < f.To && !await AnyAsync(f.To, next(last)))
        {
            last = next(last);
        }
        return (first, last);
    }

    private Task<List<Summed>> SumTierAsync(Tier tier, UsageFilter span, SpendQuery query, CancellationToken cancellationToken)
    {
        var (key, sub) = (RollupKey(query.By), RollupKey(query.ThenBy));
        return tier switch
        {
            Tier.Month => SumRollupsAsync(db.MonthlyRollups.AsNoTracking().Matching(span), r => r.PeriodStart, key, sub, cancellationToken),
            Tier.Day => SumRollupsAsync(db.DailyRollups.AsNoTracking().Matching(span), r => r.PeriodStart, key, sub, cancellationToken),
            _ => SumRollupsAsync(db.HourlyRollups.AsNoTracking().Matching(span), r => r.PeriodStart.Date, key, sub, cancellationToken),
        };
    }

    private static IReadOnlyList<SpendRow> Fold(List<Summed> rows, SpendQuery query) => [.. rows
        .GroupBy(r => (Period: PeriodOf(r.Period, query.Grain), Key: KeyOf(r.Key, query.By, query.TagKey), Sub: KeyOf(r.Sub, query.ThenBy, query.TagKey)))
        .Select(g => g.Aggregate(new SpendRow(g.Key.Period, g.Key.Key, UsageSum.Zero, false, false, g.Key.Sub), (row, s) => Add(row,
            new UsageSum(s.Records, s.Requests, s.InputTokens, s.OutputTokens, s.CachedInputTokens, s.TokenCost, s.ComputeCost, s.Unpriced),
            s.WithCompute > 0, s.Estimated > 0)))
        .OrderBy(r => r.Period).ThenBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.SubKey, StringComparer.Ordinal)];

    private static SpendRow Add(SpendRow row, UsageSum sum, bool hasCompute, bool estimated) => row with
    {
        Sum = row.Sum.Plus(sum),
        HasCompute = row.HasCompute || hasCompute,
        ComputeIsEstimated = row.ComputeIsEstimated || estimated,
    };

    private static string KeyOf(string stored, SpendDimension by, string? tagKey) => by switch
    {
        SpendDimension.Tag => TagValue(stored, tagKey ?? "") ?? SpendRow.None,
        SpendDimension.Project or SpendDimension.Application when stored.Length == 0 => SpendRow.None,
        _ => stored,
    };

    /// <summary>The value of the tag <c>key=value</c> among stored tags, or null when they do not carry the key.</summary>
    public static string? TagValue(string? storedTags, string key)
    {
        var prefix = key + "=";
        return UsageTags.Split(storedTags).FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    private static Expression<Func<UsageRollup, string>> RollupKey(SpendDimension by) => by switch
    {
        SpendDimension.Provider => r => r.Provider,
        SpendDimension.Model => r => r.Provider + "/" + r.Model,
        SpendDimension.Team => r => r.Team,
        SpendDimension.Total => r => "",
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "Rollups carry no project, application or tag."),
    };

    private static Expression<Func<UsageRecord, string>> RecordKey(SpendDimension by) => by switch
    {
        SpendDimension.Provider => r => r.Provider,
        SpendDimension.Model => r => r.Provider + "/" + r.Model,
        SpendDimension.Team => r => r.Team,
        SpendDimension.Project => r => r.Project ?? "",
        SpendDimension.Application => r => r.Application ?? "",
        SpendDimension.Tag => r => r.Tags ?? "",
        _ => r => "",
    };

    private static Task<List<Summed>> SumRollupsAsync<T>(IQueryable<T> rollups, Expression<Func<T, DateTime>> period,
        Expression<Func<UsageRollup, string>> key, Expression<Func<UsageRollup, string>> sub, CancellationToken cancellationToken) where T : UsageRollup =>
        rollups.GroupBy(GroupKey.Of(period, key, sub)).Select(g => new Summed
        {
            Period = g.Key.Period,
            Key = g.Key.Key,
            Sub = g.Key.Sub,
            Records = g.Sum(r => r.RecordCount),
            Unpriced = g.Sum(r => r.TokenPriceSheetId == 0 ? r.RecordCount : 0),
            Requests = g.Sum(r => r.Requests),
            InputTokens = g.Sum(r => r.InputTokens),
            OutputTokens = g.Sum(r => r.OutputTokens),
            CachedInputTokens = g.Sum(r => r.CachedInputTokens),
            TokenCost = g.Sum(r => r.TokenCost),
            ComputeCost = g.Sum(r => r.ComputeCost ?? 0m),
            WithCompute = g.Count(r => r.ComputeCost != null),
            Estimated = g.Count(r => r.ComputeCostIsEstimated),
        }).ToListAsync(cancellationToken);

    private static Task<List<Summed>> SumRecordsAsync(IQueryable<UsageRecord> records, Expression<Func<UsageRecord, string>> key,
        Expression<Func<UsageRecord, string>> sub, CancellationToken cancellationToken) =>
        records.GroupBy(GroupKey.Of<UsageRecord>(r => r.OccurredAt.Date, key, sub)).Select(g => new Summed
        {
            Period = g.Key.Period,
            Key = g.Key.Key,
            Sub = g.Key.Sub,
            Records = g.LongCount(),
            Unpriced = g.LongCount(r => r.IsUnpriced),
            Requests = g.Sum(r => r.Requests),
            InputTokens = g.Sum(r => r.InputTokens),
            OutputTokens = g.Sum(r => r.OutputTokens),
            CachedInputTokens = g.Sum(r => r.CachedInputTokens),
            TokenCost = g.Sum(r => r.TokenCost),
            ComputeCost = g.Sum(r => r.ComputeCost ?? 0m),
            WithCompute = g.Count(r => r.ComputeCost != null),
            Estimated = g.Count(r => r.ComputeCostIsEstimated),
        }).ToListAsync(cancellationToken);

    /// <summary>What SQL groups by: a day or month, and a group's stored values.</summary>
    private sealed class GroupKey
    {
        public DateTime Period { get; init; }
        public string Key { get; init; } = "";
        public string Sub { get; init; } = "";

        /// <summary>The key selector <c>r => new GroupKey { Period = period(r), Key = key(r), Sub = sub(r) }</c>, as SQL can read it.</summary>
        public static Expression<Func<T, GroupKey>> Of<T>(Expression<Func<T, DateTime>> period, LambdaExpression key, LambdaExpression sub)
        {
            var row = period.Parameters[0];
            return Expression.Lambda<Func<T, GroupKey>>(Expression.MemberInit(Expression.New(typeof(GroupKey)),
                Expression.Bind(typeof(GroupKey).GetProperty(nameof(Period))!, period.Body),
                Expression.Bind(typeof(GroupKey).GetProperty(nameof(Key))!, ReplacingExpressionVisitor.Replace(key.Parameters[0], row, key.Body)),
                Expression.Bind(typeof(GroupKey).GetProperty(nameof(Sub))!, ReplacingExpressionVisitor.Replace(sub.Parameters[0], row, sub.Body))), row);
        }
    }

    /// <summary>One day's or month's sums of one stored group value, as SQL returns them.</summary>
    private sealed class Summed
    {
        public DateTime Period { get; init; }
        public string Key { get; init; } = "";
        public string Sub { get; init; } = "";
        public long Records { get; init; }
        public long Unpriced { get; init; }
        public long Requests { get; init; }
        public long InputTokens { get; init; }
        public long OutputTokens { get; init; }
        public long CachedInputTokens { get; init; }
        public decimal TokenCost { get; init; }
        public decimal ComputeCost { get; init; }
        public int WithCompute { get; init; }
        public int Estimated { get; init; }
    }
}
