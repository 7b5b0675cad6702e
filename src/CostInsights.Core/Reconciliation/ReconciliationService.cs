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
        var starts = await db.CostLines.AsNoTracking().Where(l => l.Kind == CostLineKinds.Billed).Select(l => l.PeriodStart).Distinct()
            .ToListAsync(cancellationToken);
        return [.. starts.Select(RollupAccumulator.MonthOf).Distinct().OrderDescending()];
    }

    public async Task<MonthReconciliation> ForMonthAsync(DateTime month, CancellationToken cancellationToken)
    {
        var from = RollupAccumulator.MonthOf(DateTime.SpecifyKind(month, DateTimeKind.Utc));
        var to = from.AddMonths(1);
        var lines = await db.CostLines.AsNoTracking()
            .Where(l => l.Kind == CostLineKinds.Billed && l.PeriodStart >= from && l.PeriodStart < to).ToListAsync(cancellationToken);
        var providers = lines.Select(l => l.Provider.ToLowerInvariant()).Distinct().ToList();
        var pricedCharges = await PricedAsync(from, providers, cancellationToken);
        var billed = Bills(lines, pricedCharges);
        var priced = pricedCharges.ToDictionary(c => new Key(c.Day, c.Provider, c.Model, c.ChargeClass));
        ReconciledCharge? Reconcile(Key k)
        {
            var bill = billed.GetValueOrDefault(k);
            var charge = Explain(k, bill?.Amount, priced.GetValueOrDefault(k));
            return charge is not null && bill is { BilledAs.Count: > 0 }
                ? charge with { Finding = $"{charge.Finding} Billed as {string.Join(", ", bill.BilledAs)}." }
                : charge;
        }
        var charges = billed.Keys.Union(priced.Keys)
            .Select(Reconcile)
            .Where(c => c is not null).Select(c => c!)
            .OrderBy(c => c.Day).ThenBy(c => c.Provider, StringComparer.Ordinal).ThenBy(c => c.Model, StringComparer.Ordinal)
            .ThenBy(c => ChargeClasses.Rank(c.ChargeClass)).ThenBy(c => c.ChargeClass, StringComparer.Ordinal).ToList();
        var spending = await db.DailyRollups.AsNoTracking().Where(r => r.PeriodStart >= from && r.PeriodStart < to && r.TokenCost > 0)
            .Select(r => r.Provider).Distinct().ToListAsync(cancellationToken);
        var without = spending.Select(p => p.ToLowerInvariant()).Distinct().Except(providers).Order(StringComparer.Ordinal).ToList();
        return new MonthReconciliation(from, charges, without);
    }

    /// <summary>
    /// A month's usage of the given providers as the price sheets price it: each day's stored per-token cost of a model, exactly as
    /// every page shows it, split into the token charges as the prices then in force split it (by service tier, batch discount and
    /// context window, as each group of records was priced), with the tokens of each.
    /// </summary>
    public async Task<IReadOnlyList<PricedCharge>> PricedAsync(DateTime month, IReadOnlyCollection<string> providers, CancellationToken cancellationToken)
    {
        var from = RollupAccumulator.MonthOf(DateTime.SpecifyKind(month, DateTimeKind.Utc));
        var to = from.AddMonths(1);
        // A day at a time: each day's records are found by the time index and grouped without a date function on every row.
        var groups = new List<PricedGroup>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var (start, next) = (day, day.AddDays(1));
            groups.AddRange(await db.UsageRecords.AsNoTracking()
                .Where(r => r.OccurredAt >= start && r.OccurredAt < next && providers.Contains(r.Provider))
                .GroupBy(r => new { r.Provider, r.Model, r.ServiceTier, r.IsBatch, r.ContextAboveTokens })
                .Select(g => new PricedGroup
                {
                    Day = start,
                    Provider = g.Key.Provider,
                    Model = g.Key.Model,
                    ServiceTier = g.Key.ServiceTier,
                    IsBatch = g.Key.IsBatch,
                    ContextAboveTokens = g.Key.ContextAboveTokens,
                    Input = g.Sum(r => r.InputTokens),
                    Cached = g.Sum(r => r.CachedInputTokens),
                    Write5m = g.Sum(r => r.CacheWrite5mTokens),
                    Write1h = g.Sum(r => r.CacheWrite1hTokens),
                    Output = g.Sum(r => r.OutputTokens),
                    Reasoning = g.Sum(r => r.ReasoningTokens),
                    Requests = g.Sum(r => r.Requests),
                    Cost = g.Sum(r => r.TokenCost),
                    Unpriced = g.Count(r => r.IsUnpriced),
                    Records = g.Count(),
                }).ToListAsync(cancellationToken));
        }
        var prices = await PricesInForce.LoadAsync(db, cancellationToken);
        return [.. groups.SelectMany(g => Split(g, prices).Select(c => (Group: g, c.Charge, c.Cost, c.Tokens)))
            .GroupBy(c => (Day: DateTime.SpecifyKind(c.Group.Day, DateTimeKind.Utc), Provider: c.Group.Provider.ToLowerInvariant(), c.Group.Model, c.Charge))
            .Select(g => new PricedCharge(g.Key.Day, g.Key.Provider, g.Key.Model, g.Key.Charge, g.Sum(c => c.Cost), g.Sum(c => c.Tokens),
                g.All(c => c.Group.Unpriced == c.Group.Records)))];
    }

    /// <summary>What SQL sums for each model, tier, batch flag and context window of a day.</summary>
    private sealed class PricedGroup
    {
        public DateTime Day { get; init; }
        public string Provider { get; init; } = "";
        public string Model { get; init; } = "";
        public string ServiceTier { get; init; } = "";
        public bool IsBatch { get; init; }
        public long? ContextAboveTokens { get; init; }
        public long Input { get; init; }
        public long Cached { get; init; }
        public long Write5m { get; init; }
        public long Write1h { get; init; }
        public long Output { get; init; }
        public long Reasoning { get; init; }
        public long Requests { get; init; }
        public decimal Cost { get; init; }
        public int Unpriced { get; init; }
        public int Records { get; init; }
    }

    /// <summary>
    /// A group's stored cost split into the four token charges in the proportions its prices give them, batch discount
    /// included, so that the charges add up to the stored cost; without prices it is all input (and nothing).
    /// </summary>
    private static IEnumerable<(string Charge, decimal Cost, long Tokens)> Split(PricedGroup g, PriceBook prices)
    {
        var usage = new TokenUsage(g.Input, g.Output, g.Cached, Math.Max(1, g.Requests), g.IsBatch)
        {
            CacheWrite5mTokens = g.Write5m,
            CacheWrite1hTokens = g.Write1h,
            ReasoningTokens = g.Reasoning,
            ContextAboveTokens = g.ContextAboveTokens,
        };
        var rates = usage.Problem is null ? prices.TokenRatesAt(g.Provider, g.Model, g.ServiceTier, g.Day)?.Rates : null;
        var price = rates is null ? null : TokenCostCalculator.Price(usage, rates);
        decimal[] weights = price is null ? [1m, 0m, 0m, 0m] : [price.UncachedInput, price.CachedInput, price.CacheWrites, price.Output + price.Reasoning];
        if (weights.Sum() == 0)
        {
            weights = [1m, 0m, 0m, 0m];
        }
        long[] tokens = [usage.UncachedInputTokens, g.Cached, g.Write5m + g.Write1h, g.Output];
        var sum = weights.Sum();
        for (var i = 0; i < ChargeClasses.Tokens.Count; i++)
        {
            if (tokens[i] != 0 || weights[i] != 0)
            {
                yield return (ChargeClasses.Tokens[i], Math.Round(g.Cost * weights[i] / sum, 6), tokens[i]);
            }
        }
    }

    /// <summary>What was billed for a day's charge, and the other names the bill gave its model.</summary>
    private sealed record Bill(decimal Amount, IReadOnlyList<string> BilledAs);

    /// <summary>
    /// The billed lines summed by day, provider, model and charge. A bill may name a model otherwise than its usage does (a meter's
    /// "gpt-4o-0806" for gpt-4o): such a line is set beside the usage it means (<see cref="ModelNames"/>), keeping the name it billed.
    /// </summary>
    private static Dictionary<Key, Bill> Bills(IEnumerable<CostLine> lines, IEnumerable<PricedCharge> priced)
    {
        var usage = priced.GroupBy(c => c.Provider).ToDictionary(g => g.Key, g => g.Select(c => c.Model).ToHashSet(StringComparer.Ordinal));
        string Model(string provider, string? model) =>
            model is null ? "" : usage.TryGetValue(provider, out var known) && !known.Contains(model) ? ModelNames.Resolve(model, known) ?? model : model;
        return lines
            .GroupBy(l => new Key(l.PeriodStart.Date, l.Provider.ToLowerInvariant(), Model(l.Provider.ToLowerInvariant(), l.Model),
                l.ChargeClass ?? Unclassified))
            .ToDictionary(g => g.Key, g => new Bill(g.Sum(l => l.Amount),
                [.. g.Select(l => l.Model).OfType<string>().Where(m => m != g.Key.Model).Distinct().Order(StringComparer.Ordinal)]));
    }

    /// <summary>What a billed line that names no charge is shown as.</summary>
    public const string Unclassified = "unclassified";

    private sealed record Key(DateTime Day, string Provider, string Model, string ChargeClass);

    private static ReconciledCharge? Explain(Key k, decimal? billed, PricedCharge? priced)
    {
        var tokens = priced?.Tokens ?? 0;
        ReconciledCharge Charge(ChargeStatus status, string finding) =>
            new(k.Day, k.Provider, k.Model, k.ChargeClass, billed, priced?.Cost, tokens, status, finding);
        var model = k.Model.Length > 0 ? k.Model : "a charge with no model";
        if (!ChargeClasses.Tokens.Contains(k.ChargeClass))
        {
            return Charge(ChargeStatus.NotATokenCharge, k.ChargeClass == Unclassified
                ? "The bill does not say what this is for: request Anthropic's cost report grouped by description, OpenAI's costs grouped by " +
                    "line item, or a FOCUS bill with its meters, to split it into charges."
                : $"Not a token charge: per-token prices do not cover {k.ChargeClass}, so it is billed on top of the usage priced.");
        }
        if (billed is null)
        {
            return priced is null or { Cost: 0, Tokens: 0 } ? null : Charge(ChargeStatus.NotBilled,
                "Usage priced that the cost report does not bill: the report may not cover this day yet, or bills the usage under another model name.");
        }
        if (priced is null || tokens == 0)
        {
            return Charge(ChargeStatus.NoUsage,
                $"Billed, but no {k.ChargeClass} usage of {model} on this day is stored: ingest the provider's usage for the day.");
        }
        if (priced.Unpriced)
        {
            return Charge(ChargeStatus.Differs,
                $"No price sheet prices {model} on this day, so its usage costs nothing here: add its price and activate the sheet.");
        }
        var (b, p) = (billed.Value, priced.Cost);
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
