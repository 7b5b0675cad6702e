using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Ingestion;

public sealed class WatchedFolderTests
{
    [Fact]
    public async Task A_settled_file_is_queued_once_and_moved_aside_and_one_still_being_written_waits()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("costinsights-watch");
        try
        {
            var now = bed.Time.GetUtcNow().UtcDateTime;
            var samples = Path.Combine(TestEnvironment.RepositoryRoot, "samples");
            var settled = Path.Combine(folder.FullName, "usage.csv");
            File.Copy(Path.Combine(samples, "usage.csv"), settled);
            File.SetLastWriteTimeUtc(settled, now.AddMinutes(-1));
            var copying = Path.Combine(folder.FullName, "openai-usage.json");
            File.Copy(Path.Combine(samples, "openai-usage.json"), copying);
            File.SetLastWriteTimeUtc(copying, now.AddSeconds(-1));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "big.csv.partial"), "timestamp");

            var ingestion = bed.Ingestion();
            (await ingestion.QueueWatchedFolderAsync(folder.FullName, CancellationToken.None)).ShouldBe(1);
            var batch = await bed.Db.IngestionBatches.SingleAsync();
            (batch.FileName, batch.Status, batch.CreatedBy).ShouldBe(("usage.csv", IngestionStatus.Queued, "watched folder"));
            File.Exists(settled).ShouldBeFalse();
            Directory.GetFiles(Path.Combine(folder.FullName, "processed")).ShouldHaveSingleItem().ShouldEndWith("-usage.csv");

            // Once it has settled, the second file is queued too; nothing is queued twice.
            bed.Time.Now = bed.Time.Now.AddMinutes(1);
            (await ingestion.QueueWatchedFolderAsync(folder.FullName, CancellationToken.None)).ShouldBe(1);
            (await ingestion.QueueWatchedFolderAsync(folder.FullName, CancellationToken.None)).ShouldBe(0);
            (await bed.Db.IngestionBatches.Select(b => b.FileName).OrderBy(n => n).ToListAsync()).ShouldBe(["openai-usage.json", "usage.csv"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
