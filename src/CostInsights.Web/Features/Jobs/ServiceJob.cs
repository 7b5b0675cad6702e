using Quartz;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// A job that calls a service and says what it did. Failures are logged here and handed to Quartz,
/// so the run is recorded as failed with its reason; a cancelled run is neither.
/// </summary>
public abstract partial class ServiceJob(ILogger logger) : IJob
{
    /// <summary>Does the work; returns what was done, in a few words, for the Jobs page.</summary>
    protected abstract Task<string> RunAsync(CancellationToken cancellationToken);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            context.Result = await RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, context.JobDetail.Key.Name, e);
            throw new JobExecutionException(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);
}
