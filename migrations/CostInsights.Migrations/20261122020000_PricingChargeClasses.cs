using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>Every charge class: cache writes, reasoning, service tiers, per-second prices, context and volume tiers.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122020000_PricingChargeClasses")]
public sealed class PricingChargeClasses : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("ServiceTier", "TokenPrices", maxLength: 20, nullable: false, defaultValue: "standard");
        foreach (var column in new[] { "CacheWrite5mPerMillion", "CacheWrite1hPerMillion", "ReasoningPerMillion", "PerComputeSecond" })
        {
            mb.AddColumn<decimal>(column, "TokenPrices", nullable: true);
        }
        mb.AddColumn<string>("ContextTiersJson", "TokenPrices", nullable: true);
        mb.AddColumn<string>("VolumeTiersJson", "TokenPrices", nullable: true);

        foreach (var column in new[] { "CacheWrite5mTokens", "CacheWrite1hTokens", "ReasoningTokens" })
        {
            mb.AddColumn<long>(column, "UsageRecords", nullable: false, defaultValue: 0L);
        }
        mb.AddColumn<string>("ServiceTier", "UsageRecords", maxLength: 20, nullable: false, defaultValue: "standard");

        foreach (var table in new[] { "HourlyRollups", "MonthlyRollups" })
        {
            mb.AddColumn<long>("CacheWriteTokens", table, nullable: false, defaultValue: 0L);
            mb.AddColumn<long>("ReasoningTokens", table, nullable: false, defaultValue: 0L);
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        // SQLite cannot drop columns through EF without a target model; the SQL is the same on both providers.
        string[] statements =
        [
            "ServiceTier", "CacheWrite5mPerMillion", "CacheWrite1hPerMillion", "ReasoningPerMillion", "PerComputeSecond", "ContextTiersJson", "VolumeTiersJson",
        ];
        foreach (var column in statements)
        {
            mb.Sql($"ALTER TABLE \"TokenPrices\" DROP COLUMN \"{column}\"");
        }
        foreach (var column in new[] { "CacheWrite5mTokens", "CacheWrite1hTokens", "ReasoningTokens", "ServiceTier" })
        {
            mb.Sql($"ALTER TABLE \"UsageRecords\" DROP COLUMN \"{column}\"");
        }
        foreach (var table in new[] { "HourlyRollups", "MonthlyRollups" })
        {
            mb.Sql($"ALTER TABLE \"{table}\" DROP COLUMN \"CacheWriteTokens\"");
            mb.Sql($"ALTER TABLE \"{table}\" DROP COLUMN \"ReasoningTokens\"");
        }
    }
}
