namespace CostInsights.Web.Features.Scenarios;

/// <summary>What every lever and setting of the Scenarios form shares: whether the user may change it, and what runs when one does.</summary>
public sealed record LeverContext(bool ReadOnly, Func<Task> Changed);
