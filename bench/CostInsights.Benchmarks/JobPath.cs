using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Jobs;
using CostInsights.Web.Features.Jobs;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostInsights.Benchmarks;

/// <summary>Runs an ingestion the way the app does: its job started through Hangfire, on a job server over the database's job storage.</summary>
internal static class JobPath
{
    public static async Task IngestAsync(IServiceProvider services, long batchId, CancellationToken cancellationToken)
    {
        services.GetRequiredService<IGlobalConfiguration>();
        await JobsSetup.InstallSchemaAsync(services.GetRequiredService<IOptions<DatabaseOptions>>().Value, cancellationToken);
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
            Activator = services.GetRequiredService<JobActivator>(),
            WorkerCount = 2,
        }, services.GetRequiredService<JobStorage>());
        services.GetRequiredService<JobStarter>().Start(JobIds.IngestUsage);
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var status = await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().IngestionBatches.AsNoTracking()
                    .Where(b => b.Id == batchId).Select(b => b.Status).SingleAsync(cancellationToken);
                if (status is not (IngestionStatus.Queued or IngestionStatus.Running))
                {
                    return;
                }
            }
            await Task.Delay(20, cancellationToken);
        }
    }
}
