namespace CostInsights.Core.Usage;

/// <summary>
/// A charge for a period as read from a source, before pricing: an amount the source gives, or
/// capacity units × hours, or compute seconds, priced from the capacity offer in force.
/// </summary>
public sealed record CostLineRow(
    long LineNumber, string Kind, DateTime PeriodStart, DateTime PeriodEnd, string Provider, string? Model, string Team, string Description,
    decimal? Units, decimal? Hours, decimal? ComputeSeconds, decimal? Amount, string NaturalKey)
{
    /// <summary>What a billed line is for (<see cref="ChargeClasses"/>); null where the source does not say.</summary>
    public string? ChargeClass { get; init; }
}

/// <summary>Either a cost line or the reason it cannot be used.</summary>
public sealed record CostLineReadResult(CostLineRow? Row, long LineNumber, string? Column, string? Reason)
{
    public static CostLineReadResult Ok(CostLineRow row) => new(row, row.LineNumber, null, null);

    public static CostLineReadResult Rejected(long line, string? column, string reason) => new(null, line, column, reason);
}
