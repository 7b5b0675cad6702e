namespace CostInsights.Core.Usage;

/// <summary>How many cost lines of one kind (<see cref="CostLineKinds"/>) a view holds, and what they add up to.</summary>
public sealed record CostLineTotal(string Kind, decimal Amount, int Lines);
