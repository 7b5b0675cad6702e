using CostInsights.Core.Data;
using CostInsights.Core.Jobs;
using Hangfire.Server;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Keeps each run's outcome, duration and node in the database, so every node's Jobs page sees them; runs in a row that
/// ended alike as one row, counted (<see cref="JobRunLog"/>).
/// </summary>
public sealed partial class JobRunRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<JobRunRecorder> logger) : IServerFilter
{
    private const string StartedKey = "costinsights-started";

    /// <summary>How long a run waits, attempt after attempt, to be recorded while another writer holds the database.</summary>
    private static readonly TimeSpan[] RecordRetries = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(3)];

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = time.GetUtcNow().UtcDateTime;

    public void OnPerformed(PerformedContext context)
    {
        if (context.Canceled || !context.Items.TryGetValue(StartedKey, out var value) || value is not DateTime started)
        {
            return;
        }
        var name = JobNames.Of(context.BackgroundJob.Job.Type);
        var message = context.Exception is { } failure ? (failure.InnerException ?? failure).Message : context.Result?.ToString();
        if (context.Exception is not null)
        {
            LogFailed(logger, name, context.Exception);
        }
        var finished = time.GetUtcNow().UtcDateTime;
        try
        {
            // Another job may be writing: the run is recorded once it is done, not lost.
            RetryPassingFaults.Run(() =>
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
                JobRunLog.Record(db, new JobRun
                {
                    JobName = name,
                    StartedAt = started,
                    FinishedAt = finished,
                    Succeeded = context.Exception is null,
                    Message = message is { Length: > 2000 } ? message[..2000] : message,
                    Node = context.ServerId,
                });
            }, RecordRetries);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotRecorded(logger, name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the run of job {Job}")]
    private static partial void LogNotRecorded(ILogger logger, string job, Exception exception);
}
