using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CostInsights.Web.Tests.Features.Nodes;

/// <summary>
/// Two nodes of the app on one PostgreSQL database, each with its own data folder: node A serves pages and
/// runs no jobs, node B runs them. A file posted to A is ingested by B.
/// </summary>
public sealed class TwoNodeIngestionTests
{
    [Fact]
    public async Task A_file_posted_to_one_node_is_ingested_by_the_other()
    {
        Require.Postgres();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var folderA = Directory.CreateTempSubdirectory("node-a-").FullName;
        var folderB = Directory.CreateTempSubdirectory("node-b-").FullName;
        try
        {
            await using var nodeA = AppNode.Start(database, folderA, seedDemoUsage: false,
                new Dictionary<string, string> { ["Jobs:RunOnThisNode"] = "false" });
            await using var nodeB = AppNode.Start(database, folderB, seedDemoUsage: false);
            // A runs no jobs, so whatever ingests the file is B.
            nodeA.Services.GetServices<IHostedService>().ShouldNotContain(s => s.GetType().Name == "BackgroundJobServerHostedService");
            nodeB.Services.GetServices<IHostedService>().ShouldContain(s => s.GetType().Name == "BackgroundJobServerHostedService");
            using var admin = await nodeA.SignedInAsync(AppRoles.Admin);
            var csv = "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n"
                + string.Concat(Enumerable.Range(0, 200).Select(i => $"2026-04-{1 + i % 28:00}T10:00:00Z,openai,gpt-4o,team-{i % 3},{1000 + i},{i},0\n"));
            (await admin.UploadUsageAsync([], ("file", "two-nodes.csv", csv))).IsSuccessStatusCode.ShouldBeTrue();

            var batch = await Uploads.WaitForBatchAsync(nodeB.Services, "two-nodes.csv", TimeSpan.FromSeconds(90));
            (batch.Status, batch.RowsAccepted).ShouldBe((IngestionStatus.Succeeded, 200L), batch.Error);
            await using var db = database.NewContext();
            (await db.UsageRecords.CountAsync()).ShouldBe(200);
            (await db.UploadChunks.CountAsync()).ShouldBe(0);
        }
        finally
        {
            Directory.Delete(folderA, recursive: true);
            Directory.Delete(folderB, recursive: true);
        }
    }
}
