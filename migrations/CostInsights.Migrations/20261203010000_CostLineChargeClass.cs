using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// What a billed cost line is for (input, cached input, cache writes, output, or a charge of another kind), so that
/// reconciliation sets it beside the same charge priced. Lines already stored from Anthropic's cost report take it from the
/// description they were stored with, which holds the report's cost and token types.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261203010000_CostLineChargeClass")]
public sealed class CostLineChargeClass : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("ChargeClass", "CostLines", maxLength: 60, nullable: true);
        mb.Sql("""
            UPDATE "CostLines" SET "ChargeClass" = CASE
                WHEN "Description" LIKE '%uncached_input_tokens%' THEN 'input'
                WHEN "Description" LIKE '%cache_read_input_tokens%' THEN 'cached input'
                WHEN "Description" LIKE '%cache_creation%' THEN 'cache writes'
                WHEN "Description" LIKE '%output_tokens%' THEN 'output'
                WHEN "Description" LIKE '%web_search%' THEN 'web search'
                WHEN "Description" LIKE '%code_execution%' THEN 'code execution'
                ELSE NULL END
            WHERE "Kind" = 'billed' AND "Provider" = 'anthropic'
            """);
    }

    // SQLite cannot drop columns through EF without a target model; the SQL is the same on both providers.
    protected override void Down(MigrationBuilder mb) => mb.Sql("ALTER TABLE \"CostLines\" DROP COLUMN \"ChargeClass\"");
}
