using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Core.Tests.Data;

/// <summary>Billed lines stored from Anthropic's cost report before lines had a charge class take it from their description.</summary>
public sealed class CostLineChargeClassMigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Lines_already_stored_take_their_charge_from_the_description_they_were_stored_with(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync("20261203000000_BucketContextWindow");
        var batch = new IngestionBatch { FileName = "costs.json", Format = "anthropic-cost-report", CreatedBy = "test", CreatedAt = DateTime.UtcNow };
        db.IngestionBatches.Add(batch);
        await db.SaveChangesAsync();
        var lines = new[]
        {
            ("billed", "anthropic", "tokens, uncached_input_tokens, standard, 0-200k"),
            ("billed", "anthropic", "tokens, cache_read_input_tokens"),
            ("billed", "anthropic", "tokens, cache_creation.ephemeral_5m_input_tokens, batch"),
            ("billed", "anthropic", "tokens, output_tokens, standard, 0-200k"),
            ("billed", "anthropic", "web_search"),
            ("billed", "anthropic", "Anthropic charge"),
            ("compute-time", "azure-openai", "PTU output_tokens reserved"),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            var (kind, source, description) = lines[i];
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CostLines" ("Kind", "PeriodStart", "PeriodEnd", "Provider", "Team", "Description", "Quantity", "Unit", "Amount",
                    "IngestionBatchId", "NaturalKey")
                VALUES ({kind}, {new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)}, {new DateTime(2026, 4, 2, 0, 0, 0, DateTimeKind.Utc)}, {source},
                    'default', {description}, 0, 'USD', 1, {batch.Id}, {$"key-{i}"})
                """);
        }

        await db.Database.MigrateAsync();

        (await db.CostLines.AsNoTracking().OrderBy(l => l.NaturalKey).Select(l => l.ChargeClass).ToListAsync()).ShouldBe(
            [ChargeClasses.Input, ChargeClasses.CachedInput, ChargeClasses.CacheWrites, ChargeClasses.Output, "web search", null, null]);
    }
}
