using CostInsights.Core.Data;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostInsights.Web.Tests.Features.Nodes;

/// <summary>Two nodes that both run jobs, started together on one new PostgreSQL database.</summary>
public sealed class TwoNodeScheduleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Two_nodes_run_a_recurring_job_once_per_fire_and_install_the_job_schema_once_without_an_error()
    {
        Require.Postgres();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var folders = new[] { Directory.CreateTempSubdirectory("node-a-").FullName, Directory.CreateTempSubdirectory("node-b-").FullName };
        var logs = new[] { new LogRecorder(LogLevel.Error), new LogRecorder(LogLevel.Error) };
        // Housekeeping every five seconds, on both nodes.
        var settings = new Dictionary<string, string> { ["Jobs:Schedules:housekeeping"] = "*/5 * * * * *" };
        try
        {
            var nodes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
                AppNode.Start(database, folders[i], seedDemoUsage: false, settings, services => services.AddSingleton<ILoggerProvider>(logs[i])))));
            await using var nodeA = nodes[0];
            await using var nodeB = nodes[1];
            await using (var db = database.NewContext())
            {
                await db.JobRuns.ExecuteDeleteAsync();
            }

            await Task.Delay(Window);

            await using (var db = database.NewContext())
            {
                var runs = await db.JobRuns.AsNoTracking().Where(r => r.JobName == "housekeeping").ToListAsync();
                var fires = (int)(Window / TimeSpan.FromSeconds(5));
                // Runs that ended alike are one row, counted.
                var recorded = runs.Sum(r => r.Repeats);
                recorded.ShouldBeInRange(fires - 1, fires + 1, $"one run per fire: {recorded} runs in {Window.TotalSeconds} s");
                runs.ShouldAllBe(r => r.Succeeded);
            }
            logs.SelectMany(l => l.Messages).ShouldBeEmpty();
        }
        finally
        {
            foreach (var folder in folders)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
