namespace CostInsights.Core.Scenarios;

/// <summary>A named set of what-if levers applied to a forecast.</summary>
public sealed class Scenario
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string LeversJson { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
