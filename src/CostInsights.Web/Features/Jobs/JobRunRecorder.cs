using CostInsights.Core.Data;
using CostInsights.Core.Jobs;
using Quartz;
using Quartz.Extensibility;

namespace CostInsights.Web.Features.Jobs;

/// <summary>Keeps each job execution's outcome and duration in the database, so every node's Jobs page sees them.</summary>
public sealed partial class JobRunRecorder(IServiceScopeFactory scopes, ILogger<JobRunRecorder> logger) : IJobListener
{
    public string Name => "job-run-recorder";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            var started = context.FireTimeUtc.UtcDateTime;
            var message = jobException?.InnerException?.Message ?? jobException?.Message ?? context.Result?.ToString();
            db.JobRuns.Add(new JobRun
            {
                JobName = context.JobDetail.Key.Name,
                StartedAt = started,
                FinishedAt = started + context.JobRunTime,
                Succeeded = jobException is null,
                Message = message is { Length: > 2000 } ? message[..2000] : message,
                Node = context.Scheduler.SchedulerInstanceId,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e)
        {
            LogNotRecorded(logger, context.JobDetail.Key.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the run of job {Job}")]
    private static partial void LogNotRecorded(ILogger logger, string job, Exception exception);
}
