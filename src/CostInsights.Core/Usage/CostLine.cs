namespace CostInsights.Core.Usage;

/// <summary>
/// An amount billed for a period rather than derived from tokens: a provider's cost report line, or a
/// compute-time charge (capacity units × hours of an offer, or compute seconds of a workload).
/// </summary>
public sealed class CostLine
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public DateTime PeriodStart { get; set; }
    public DateTime PeriodEnd { get; set; }
    public required string Provider { get; set; }
    public string? Model { get; set; }
    public required string Team { get; set; }
    public required string Description { get; set; }
    /// <summary>What a billed line is for (<see cref="ChargeClasses"/>); null where its source does not say.</summary>
    public string? ChargeClass { get; set; }
    public decimal Quantity { get; set; }
    public required string Unit { get; set; }
    public decimal Amount { get; set; }
    /// <summary>The price sheet whose offer priced the line; null when the source gave the amount.</summary>
    public int? PriceSheetId { get; set; }
    public long IngestionBatchId { get; set; }
    public required string NaturalKey { get; set; }
}

/// <summary>What a <see cref="CostLine"/> bills.</summary>
public static class CostLineKinds
{
    /// <summary>Per-token spend as the provider billed it (a cost report).</summary>
    public const string Billed = "billed";
    /// <summary>Capacity or compute time: the compute-time side of the period.</summary>
    public const string ComputeTime = "compute-time";
}
