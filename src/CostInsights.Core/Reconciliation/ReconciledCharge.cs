namespace CostInsights.Core.Reconciliation;

/// <summary>How what a provider billed for one charge compares with what the price sheets say the same usage costs.</summary>
public enum ChargeStatus
{
    /// <summary>Billed as priced, to within a cent or half a percent.</summary>
    Matches,
    /// <summary>Both sides have it, at different amounts.</summary>
    Differs,
    /// <summary>Billed, with no usage stored to price it.</summary>
    NoUsage,
    /// <summary>Usage priced that the provider's report does not bill.</summary>
    NotBilled,
    /// <summary>A charge per-token prices do not cover (web search, code execution), or one the report does not classify.</summary>
    NotATokenCharge,
}

/// <summary>
/// One day's charge for one model: what the provider billed beside what its usage costs under the price sheets, the tokens
/// behind it where usage is stored, and what explains the difference.
/// </summary>
public sealed record ReconciledCharge(DateTime Day, string Provider, string Model, string ChargeClass, decimal? Billed, decimal? Priced, long Tokens,
    ChargeStatus Status, string Finding)
{
    public decimal Difference => (Billed ?? 0) - (Priced ?? 0);
}

/// <summary>A day's usage of one model priced, for one charge: what it costs under the price sheets, and its tokens.</summary>
public sealed record PricedCharge(DateTime Day, string Provider, string Model, string ChargeClass, decimal Cost, long Tokens, bool Unpriced);

/// <summary>A month's reconciliation: every charge, the totals, and the providers whose usage no cost report covers.</summary>
public sealed record MonthReconciliation(DateTime Month, IReadOnlyList<ReconciledCharge> Charges, IReadOnlyList<string> ProvidersWithoutReport)
{
    public decimal Billed => Charges.Sum(c => c.Billed ?? 0);

    public decimal Priced => Charges.Sum(c => c.Priced ?? 0);

    public decimal Difference => Billed - Priced;

    /// <summary>The month's charges summed by provider, model and charge, the largest difference first: where the difference lies.</summary>
    public IReadOnlyList<ChargeTotal> ByCharge => [.. Charges
        .GroupBy(c => (c.Provider, c.Model, c.ChargeClass))
        .Select(g => new ChargeTotal(g.Key.Provider, g.Key.Model, g.Key.ChargeClass, g.Sum(c => c.Billed ?? 0), g.Sum(c => c.Priced ?? 0), g.Count(),
            g.Count(c => c.Status != ChargeStatus.Matches)))
        .OrderByDescending(t => Math.Abs(t.Difference)).ThenBy(t => t.Provider, StringComparer.Ordinal).ThenBy(t => t.Model, StringComparer.Ordinal)
        .ThenBy(t => t.ChargeClass, StringComparer.Ordinal)];
}

/// <summary>One charge of one model over a month: billed, priced, on how many days, and on how many of them not as priced.</summary>
public sealed record ChargeTotal(string Provider, string Model, string ChargeClass, decimal Billed, decimal Priced, int Days, int DaysNotAsPriced)
{
    public decimal Difference => Billed - Priced;
}
