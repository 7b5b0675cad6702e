namespace CostInsights.Core.Anomalies;

/// <summary>
/// A day whose spend fell far outside what its weekday usually costs, with the team and model whose
/// spend moved most that day.
/// </summary>
public sealed class SpendAnomaly
{
    public long Id { get; set; }
    public DateTime Day { get; set; }
    public decimal Spend { get; set; }
    /// <summary>The median spend of the same weekday over the weeks before.</summary>
    public decimal Expected { get; set; }
    public decimal Lower { get; set; }
    public decimal Upper { get; set; }
    public required string Team { get; set; }
    public required string Provider { get; set; }
    public required string Model { get; set; }
    /// <summary>How far that team and model's spend was from its own usual for the weekday.</summary>
    public decimal Moved { get; set; }
    public DateTime CreatedAt { get; set; }
}
