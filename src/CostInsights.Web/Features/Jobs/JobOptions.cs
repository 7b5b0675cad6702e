using System.ComponentModel.DataAnnotations;

namespace CostInsights.Web.Features.Jobs;

/// <summary>Settings of the background jobs (section <c>Jobs</c>); schedules are in <c>Jobs:Schedules</c>, see <see cref="JobCatalog"/>.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this node runs background jobs (default true); with PostgreSQL a node may leave them to the others.</summary>
    public bool RunOnThisNode { get; set; } = true;

    /// <summary>How often the job storage is asked for queued work, in milliseconds: an upload starts ingesting within it.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>The waits before each retry of a run that failed for a passing reason, in seconds.</summary>
    [MinLength(0)]
    public int[] RetryDelaysSeconds { get; set; } = [10, 60, 300];
}
