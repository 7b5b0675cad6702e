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

/// <summary>A month's reconciliation: every charge, the totals, and the providers whose usage no cost report covers.</summary>
public sealed record MonthReconciliation(DateTime Month, IReadOnlyList<ReconciledCharge> Charges, IReadOnlyList<string> ProvidersWithoutReport)
{
    public decimal Billed => Charges.Sum(c => c.Billed ?? 0);

    public decimal Priced => Charges.Sum(c => c.Priced ?? 0);

    public decimal Difference => Billed - Priced;
}
