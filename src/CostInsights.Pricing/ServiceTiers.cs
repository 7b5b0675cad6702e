namespace CostInsights.Pricing;

/// <summary>The service tiers a price can be for.</summary>
public static class ServiceTiers
{
    public const string Standard = "standard";
    public const string Batch = "batch";
    public const string Priority = "priority";
    public const string Flex = "flex";

    public static readonly IReadOnlyList<string> All = [Standard, Batch, Priority, Flex];

    public static bool IsKnown(string tier) => All.Contains(tier, StringComparer.Ordinal);
}
