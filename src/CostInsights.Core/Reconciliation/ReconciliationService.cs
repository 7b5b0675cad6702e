using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Reconciliation;

/// <summary>
/// Sets what providers billed (the billed lines of their cost reports) beside what the price sheets say the same usage
/// costs, by day, provider, model and charge class, and explains each difference. The priced side is the stored per-token
/// cost of the day's usage, exactly as every page shows it, split into the four token charges in the proportions the prices
/// then in force give them. Only providers with a cost report in the month are reconciled; the others are named.
/// </summary>
public sealed class ReconciliationService(CostInsightsDbContext db)
{
    /// <summary>A difference this small is rounding: a cent, or half a percent of the larger side.</summary>
    private const decimal Cent = 0.01m;
    private const decimal Rounding = 0.005m;

    /// <summary>The months with billed lines, newest first.</summary>
    public async Task<IReadOnlyList<DateTime>> MonthsAsync(CancellationToken cancellationToken)
    {
        var starts = await db.CostLines.AsNoTracking().Where(l => l.Kind == CostLineKinds.Billed).Select(l => l.PeriodStart).ToListAsync(cancellationToken);
        return [.. starts.Select(RollupAccumulator.MonthOf).Distinct().OrderDescending()];
    }

    public async Task<MonthReconciliation> ForMonthAsync(DateTime month, CancellationToken cancellationToken)
    {
        var from = RollupAccumulator.MonthOf(DateTime.SpecifyKind(month, DateTimeKind.Utc));
        var to = from.AddMonths(1);
        var lines = await db.CostLines.AsNoTracking()
            .Where(l => l.Kind == CostLineKinds.Billed && l.PeriodStart >= from && l.PeriodStart < to).ToListAsync(cancellationToken);
        var providers = lines.Select(l => l.Provider).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var rollups = await db.DailyRollups.AsNoTracking()
            .Where(r => r.PeriodStart >= from && r.PeriodStart < to).ToListAsync(cancellationToken);
        var prices = await PricesInForce.LoadAsync(db, cancellationToken);

        var billed = lines
            .GroupBy(l => new Key(l.PeriodStart.Date, l.Provider.ToLowerInvariant(), l.Model ?? "", l.ChargeClass ?? Unclassified))
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
        var priced = new Dictionary<Key, (decimal Cost, long Tokens, bool Unpriced)>();
        foreach (var day in rollups.Where(r => providers.Contains(r.Provider, StringComparer.OrdinalIgnoreCase))
            .GroupBy(r => (Day: r.PeriodStart.Date, Provider: r.Provider.ToLowerInvariant(), r.Model)))
        {
            var unpriced = day.All(r => r.TokenPriceSheetId == 0);
            foreach (var (charge, cost, tokens) in Split(day.ToList(), prices))
            {
                priced[new Key(day.Key.Day, day.Key.Provider, day.Key.Model, charge)] = (cost, tokens, unpriced);
            }
        }
        var charges = billed.Keys.Union(priced.Keys)
            .Select(k => Explain(k, billed.TryGetValue(k, out var b) ? b : null, priced.TryGetValue(k, out var p) ? p : null))
            .Where(c => c is not null).Select(c => c!)
            .OrderBy(c => c.Day).ThenBy(c => c.Provider, StringComparer.Ordinal).ThenBy(c => c.Model, StringComparer.Ordinal)
            .ThenBy(c => ChargeClasses.Rank(c.ChargeClass)).ThenBy(c => c.ChargeClass, StringComparer.Ordinal).ToList();
        var without = rollups.Where(r => r.TokenCost > 0 && !providers.Contains(r.Provider, StringComparer.OrdinalIgnoreCase))
            .Select(r => r.Provider.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        return new MonthReconciliation(from, charges, without);
    }

    /// <summary>What a billed line that names no charge is shown as.</summary>
    public const string Unclassified = "unclassified";

    private sealed record Key(DateTime Day, string Provider, string Model, string ChargeClass);

    /// <summary>
    /// A day's stored per-token cost of one model, split into the four token charges in the proportions its prices give them
    /// (the standard tier's base rates on that day), with the tokens of each. Without prices it is all input.
    /// </summary>
    private static IEnumerable<(string Charge, decimal Cost, long Tokens)> Split(IReadOnlyList<DailyRollup> day, PriceBook prices)
    {
        var (input, cached, writes, output) = (day.Sum(r => r.InputTokens - r.CachedInputTokens - r.CacheWriteTokens), day.Sum(r => r.CachedInputTokens),
            day.Sum(r => r.CacheWriteTokens), day.Sum(r => r.OutputTokens));
        var total = day.Sum(r => r.TokenCost);
        var card = prices.TokenRatesAt(day[0].Provider, day[0].Model, ServiceTiers.Standard, day[0].PeriodStart)?.Rates.Base;
        var weights = card is null
            ? [1m, 0m, 0m, 0m]
            : new[] { input * card.Input, cached * card.CachedInputOrInput, writes * card.CacheWrite5mOrInput, output * card.Output };
        var sum = weights.Sum();
        long[] tokens = [input, cached, writes, output];
        for (var i = 0; i < ChargeClasses.Tokens.Count; i++)
        {
            if (tokens[i] > 0 || (i == 0 && total != 0))
            {
                yield return (ChargeClasses.Tokens[i], sum == 0 ? (i == 0 ? total : 0) : Math.Round(total * weights[i] / sum, 6), tokens[i]);
            }
        }
    }

    private static ReconciledCharge? Explain(Key k, decimal? billed, (decimal Cost, long Tokens, bool Unpriced)? priced)
    {
        var tokens = priced?.Tokens ?? 0;
        ReconciledCharge Charge(ChargeStatus status, string finding) =>
            new(k.Day, k.Provider, k.Model, k.ChargeClass, billed, priced?.Cost, tokens, status, finding);
        var model = k.Model.Length > 0 ? k.Model : "a charge with no model";
        if (!ChargeClasses.Tokens.Contains(k.ChargeClass))
        {
            return Charge(ChargeStatus.NotATokenCharge, k.ChargeClass == Unclassified
                ? "The report does not say what this is for: request the cost report grouped by description to split it into charges."
                : $"Not a token charge: per-token prices do not cover {k.ChargeClass}, so it is billed on top of the usage priced.");
        }
        if (billed is null)
        {
            return priced is { Cost: 0, Tokens: 0 } ? null : Charge(ChargeStatus.NotBilled,
                "Usage priced that the cost report does not bill: the report may not cover this day yet, or bills the usage under another model name.");
        }
        if (priced is null || tokens == 0)
        {
            return Charge(ChargeStatus.NoUsage,
                $"Billed, but no {k.ChargeClass} usage of {model} on this day is stored: ingest the provider's usage for the day.");
        }
        if (priced.Value.Unpriced)
        {
            return Charge(ChargeStatus.Differs,
                $"No price sheet prices {model} on this day, so its usage costs nothing here: add its price and activate the sheet.");
        }
        var (b, p) = (billed.Value, priced.Value.Cost);
        if (Math.Abs(b - p) <= Math.Max(Cent, Rounding * Math.Max(Math.Abs(b), Math.Abs(p))))
        {
            return Charge(ChargeStatus.Matches, "Billed as priced.");
        }
        var billedRate = b / tokens * 1_000_000m;
        var pricedRate = p / tokens * 1_000_000m;
        var more = b > p ? "more" : "less";
        return Charge(ChargeStatus.Differs,
            $"Billed {Percent(b, p)} {more} than priced: ${billedRate:0.####} per 1M tokens against the sheet's ${pricedRate:0.####} for the " +
            $"{tokens:N0} tokens stored. A price change not yet in the sheet, a discount, or usage not all ingested.");
    }

    private static string Percent(decimal billed, decimal priced) =>
        priced == 0 ? "wholly" : $"{Math.Abs(billed - priced) / priced * 100m:0.#}%";
}
