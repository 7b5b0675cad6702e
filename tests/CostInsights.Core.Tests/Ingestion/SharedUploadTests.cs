using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CostInsights.Core.Tests.Ingestion;

/// <summary>Two nodes on one PostgreSQL database, each with its own data folder: one receives an upload, the other ingests it.</summary>
public sealed class SharedUploadTests
{
    [Fact]
    public async Task An_upload_received_by_one_node_is_ingested_by_another()
    {
        Require.Postgres();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var bed = await IngestionTestBed.OnAsync(database);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "prices.csv")));
        var (nodeA, folderA) = Node(database, bed);
        var (nodeB, folderB) = Node(database, bed);
        // Larger than one piece, so that it travels in several.
        var csv = new StringBuilder("timestamp,provider,model,team,input_tokens,output_tokens\n");
        for (var i = 0; csv.Length < 9 * 1024 * 1024; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"2026-04-{1 + i % 28:00}T10:00:{i % 60:00}Z,openai,gpt-4o,team-{i % 5},{1000 + i},{i % 300}\n");
        }
        var rows = csv.ToString().Count(c => c == '\n') - 1;

        var batch = await nodeA.QueueFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "usage.csv", "test", CancellationToken.None);
        (await bed.Db.UploadChunks.CountAsync(c => c.IngestionBatchId == batch.Id)).ShouldBe(3);
        await nodeB.RunPendingAsync(CancellationToken.None);

        bed.Db.ChangeTracker.Clear();
        var done = await bed.Db.IngestionBatches.SingleAsync(b => b.Id == batch.Id);
        (done.Status, done.RowsAccepted).ShouldBe((IngestionStatus.Succeeded, (long)rows), done.Error);
        (await bed.Db.UploadChunks.CountAsync()).ShouldBe(0);
        Directory.GetFiles(Path.Combine(folderB, "uploads")).ShouldBeEmpty();
        Directory.Delete(folderA, recursive: true);
        Directory.Delete(folderB, recursive: true);
    }

    private static (UsageIngestionService Service, string Folder) Node(TestDatabase database, IngestionTestBed bed)
    {
        var folder = Directory.CreateTempSubdirectory("costinsights-node").FullName;
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.Options.ConnectionString, DataFolder = folder };
        var db = new CostInsightsDbContext(database.ContextOptions());
        return (new UsageIngestionService(db, bed.Time, bed.Progress, Options.Create(options), Options.Create(new IngestionOptions()),
            NullLogger<UsageIngestionService>.Instance), folder);
    }
}
