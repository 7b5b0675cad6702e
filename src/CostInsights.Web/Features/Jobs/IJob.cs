namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// A background job: a thin call into the services that do the work. Hangfire runs it with its server's stopping token;
/// what it returns, in a few words, is recorded with the run for the Jobs page.
/// </summary>
public interface IJob
{
    Task<string> RunAsync(CancellationToken cancellationToken);
}
