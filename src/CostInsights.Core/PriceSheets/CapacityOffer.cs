namespace CostInsights.Core.PriceSheets;

/// <summary>Compute-time pricing for a model: provisioned units or on-demand compute seconds.</summary>
public sealed class CapacityOffer
{
    public int Id { get; set; }
    public int PriceSheetId { get; set; }
    public required string Provider { get; set; }
    public required string Model { get; set; }
    public DateTime EffectiveFrom { get; set; }
    public CapacityUnitKind UnitKind { get; set; }
    public CommitmentTerm Term { get; set; }
    public decimal RatePerUnitHour { get; set; }
    public int MinimumUnits { get; set; } = 1;
    /// <summary>Units are bought above the minimum in steps of this many.</summary>
    public int UnitIncrement { get; set; } = 1;
    /// <summary>Throughput of one unit.</summary>
    public decimal InputTokensPerSecond { get; set; }
    public decimal OutputTokensPerSecond { get; set; }
    /// <summary>How many input tokens one output token weighs, for sharing cost by token-equivalents.</summary>
    public decimal OutputWeight { get; set; } = 1m;
    /// <summary>On-demand compute-time price; when absent, the unit-hour rate per second.</summary>
    public decimal? RatePerComputeSecond { get; set; }

    /// <summary>A copy in force from another date, as activation with a date would make it.</summary>
    public CapacityOffer StartingOn(DateTime from)
    {
        var copy = (CapacityOffer)MemberwiseClone();
        copy.EffectiveFrom = from;
        return copy;
    }

    public Pricing.CapacityTerms ToTerms() =>
        new(InputTokensPerSecond, OutputTokensPerSecond, RatePerUnitHour, MinimumUnits, UnitIncrement, RatePerComputeSecond);
}

public enum CapacityUnitKind
{
    GpuHour,
    ProvisionedModelUnit,
    Ptu,
}

public enum CommitmentTerm
{
    None,
    OneMonth,
    SixMonths,
    OneYear,
}

/// <summary>Capacity units and commitment terms in the words people use for them.</summary>
public static class CapacityWords
{
    public static string Describe(this CapacityUnitKind kind) => kind switch
    {
        CapacityUnitKind.GpuHour => "GPU-hours",
        CapacityUnitKind.ProvisionedModelUnit => "provisioned model units",
        CapacityUnitKind.Ptu => "provisioned throughput units (PTU)",
        _ => kind.ToString(),
    };

    public static string Describe(this CommitmentTerm term) => term switch
    {
        CommitmentTerm.None => "no commitment",
        CommitmentTerm.OneMonth => "1-month commitment",
        CommitmentTerm.SixMonths => "6-month commitment",
        CommitmentTerm.OneYear => "1-year commitment",
        _ => term.ToString(),
    };
}
