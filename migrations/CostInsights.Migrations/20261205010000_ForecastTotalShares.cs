using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// The share of a forecast's monthly interval reaches, added up, that the interval of its months' total needs, at 80% and 95%:
/// runs stored before have none, and show their total without an interval.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261205010000_ForecastTotalShares")]
public sealed class ForecastTotalShares : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<double>("TotalShare80", "ForecastRuns", nullable: true);
        mb.AddColumn<double>("TotalShare95", "ForecastRuns", nullable: true);
    }

    // SQLite cannot drop columns through EF without a target model; the SQL is the same on both providers.
    protected override void Down(MigrationBuilder mb)
    {
        mb.Sql("ALTER TABLE \"ForecastRuns\" DROP COLUMN \"TotalShare95\"");
        mb.Sql("ALTER TABLE \"ForecastRuns\" DROP COLUMN \"TotalShare80\"");
    }
}
