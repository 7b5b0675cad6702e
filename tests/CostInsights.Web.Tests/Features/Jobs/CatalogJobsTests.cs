using System.Diagnostics;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Jobs;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Jobs;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Jobs;

/// <summary>Every job of the catalog run through Hangfire on the database's own job storage, and the time an upload waits to start.</summary>
public abstract class CatalogJobsTests(WebAppFixture app)
{
    [Fact]
    public async Task Every_job_runs_through_hangfire_and_its_run_is_recorded_with_what_it_did()
    {
        var starter = app.Services.GetRequiredService<JobStarter>();
        foreach (var job in JobCatalog.All)
        {
            var before = await LastRunIdAsync();
            starter.Start(job.Id).ShouldBeTrue();
            var run = await JobRuns.WaitForAsync(app.Services, job.Id, before, seconds: 60);
            run.Succeeded.ShouldBeTrue($"{job.Id}: {run.Message}");
            run.Message.ShouldNotBeNullOrWhiteSpace();
            run.Node.ShouldNotBeNullOrWhiteSpace();
        }
        starter.Start("no-such-job").ShouldBeFalse();
    }

    [Fact]
    public async Task A_run_that_ends_as_the_one_before_takes_its_place_counted()
    {
        var starter = app.Services.GetRequiredService<JobStarter>();
        starter.Start(JobIds.Housekeeping).ShouldBeTrue();
        var first = await JobRuns.WaitForAsync(app.Services, JobIds.Housekeeping, await LastRunIdAsync(), seconds: 60);
        starter.Start(JobIds.Housekeeping).ShouldBeTrue();
        var second = await JobRuns.WaitForAsync(app.Services, JobIds.Housekeeping, first.Id, seconds: 60);

        second.Message.ShouldBe(first.Message);
        second.Repeats.ShouldBe(first.Repeats + 1);
        second.RepeatedSince.ShouldBe(first.RepeatedSince ?? first.StartedAt);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        (await db.JobRuns.AsNoTracking().AnyAsync(r => r.Id == first.Id)).ShouldBeFalse("the earlier run is counted in the later one's row");
    }

    [Fact]
    public async Task An_uploaded_file_starts_ingesting_within_two_seconds()
    {
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var name = $"latency-{Guid.NewGuid():N}.csv";
        var watch = Stopwatch.StartNew();
        await admin.UploadUsageAsync([], ("file", name,
            "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n2026-04-10T00:00:00Z,openai,gpt-4o,latency,1000,10,0\n"));
        var posted = watch.Elapsed;
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
                var status = await db.IngestionBatches.AsNoTracking().Where(b => b.FileName == name).Select(b => b.Status).SingleOrDefaultAsync();
                if (status is not IngestionStatus.Queued)
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"ingestion started {(watch.Elapsed - posted).TotalMilliseconds:0} ms after the upload");
                    break;
                }
            }
            (watch.Elapsed - posted).ShouldBeLessThan(TimeSpan.FromSeconds(2), "the upload waited over 2 s for its ingestion to start");
            await Task.Delay(20);
        }
    }

    private async Task<long> LastRunIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().JobRuns.MaxAsync(r => (long?)r.Id) ?? 0;
    }
}

public sealed class SqliteCatalogJobsTests(SqliteWebAppFixture app) : CatalogJobsTests(app), IClassFixture<SqliteWebAppFixture>;

public sealed class PostgresCatalogJobsTests(PostgresWebAppFixture app) : CatalogJobsTests(app), IClassFixture<PostgresWebAppFixture>;
