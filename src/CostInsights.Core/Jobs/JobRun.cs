namespace CostInsights.Core.Jobs;

/// <summary>One execution of a background job, kept for the Jobs page.</summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string? Message { get; set; }
    public string? Node { get; set; }
}
