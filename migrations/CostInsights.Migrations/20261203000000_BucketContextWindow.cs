using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// The context window a bucket's requests fell in, where its source names it (Anthropic's usage report): it chooses the context
/// tier of the bucket's prices. Records already stored keep none, and are priced from their mean as before.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261203000000_BucketContextWindow")]
public sealed class BucketContextWindow : Migration
{
    protected override void Up(MigrationBuilder mb) => mb.AddColumn<long>("ContextAboveTokens", "UsageRecords", nullable: true);

    // SQLite cannot drop columns through EF without a target model; the SQL is the same on both providers.
    protected override void Down(MigrationBuilder mb) => mb.Sql("ALTER TABLE \"UsageRecords\" DROP COLUMN \"ContextAboveTokens\"");
}
