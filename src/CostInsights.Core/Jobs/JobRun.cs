namespace CostInsights.Core.Jobs;

/// <summary>
/// One execution of a background job, kept for the Jobs page; or the newest of several runs in a row that ended alike
/// (succeeded with the same message), which are kept as one row and counted, so that a job that runs every minute and
/// finds nothing to do leaves one row, not 1,440 a day.
/// </summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string? Message { get; set; }
    public string? Node { get; set; }

    /// <summary>How many runs in a row ended as this one did, this one included.</summary>
    public int Repeats { get; set; } = 1;

    /// <summary>When the first of those runs started; null for a run that repeats none before it.</summary>
    public DateTime? RepeatedSince { get; set; }

    /// <summary>Whether this run ended as <paramref name="previous"/>, the job's run before it, did: both succeeded, saying the same.</summary>
    public bool EndedAs(JobRun previous) =>
        previous.JobName == JobName && previous.Succeeded && Succeeded && string.Equals(previous.Message, Message, StringComparison.Ordinal);

    /// <summary>This run counted as one more of <paramref name="previous"/>'s repeats.</summary>
    public void Repeat(JobRun previous)
    {
        Repeats = previous.Repeats + 1;
        RepeatedSince = previous.RepeatedSince ?? previous.StartedAt;
    }
}
