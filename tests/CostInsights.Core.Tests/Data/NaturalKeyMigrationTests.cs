using System.Security.Cryptography;
using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Core.Tests.Data;

public sealed class NaturalKeyMigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_record_stored_with_a_full_length_key_is_still_recognised_after_keys_were_shortened(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122080000_IngestionAtScale");
            var batch = new IngestionBatch { FileName = "old.csv", Format = UsageCsv.Format, Status = IngestionStatus.Succeeded, CreatedBy = "test" };
            db.IngestionBatches.Add(batch);
            await db.SaveChangesAsync();
            // How keys were made before: all 256 bits of the SHA-256, in hex.
            var oldKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("req|openai|u-1")));
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO "UsageRecords" ("OccurredAt", "Provider", "Model", "Team", "InputTokens", "OutputTokens", "CachedInputTokens",
                    "CacheWrite5mTokens", "CacheWrite1hTokens", "ReasoningTokens", "ServiceTier", "Requests", "IsBatch", "TokenCost", "IsUnpriced",
                    "TokenPriceSheetId", "ComputeCostIsEstimated", "IngestionBatchId", "NaturalKey")
                VALUES ({new DateTime(2026, 4, 2, 10, 0, 0, DateTimeKind.Utc)}, 'openai', 'gpt-4o', 'support', 1000, 10, 0, 0, 0, 0, 'standard', 1,
                    {false}, 0.0026, {false}, 1, {false}, {batch.Id}, {oldKey})
                """);
            await db.Database.MigrateAsync();
            (await db.UsageRecords.SingleAsync()).NaturalKey.ShouldBe(oldKey[..32]);
        }

        await using var bed = await IngestionTestBed.OnAsync(database);
        var again = await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,request_id
            2026-04-02T10:00:00Z,openai,gpt-4o,support,1000,10,0,u-1
            """);
        (again.RowsAccepted, again.RowsDuplicate).ShouldBe((0L, 1L));
    }
}
