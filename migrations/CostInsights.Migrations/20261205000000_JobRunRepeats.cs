using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// Runs of a job in a row that ended alike are kept as one row, counted, with the start of the first: a job that runs every
/// minute and finds nothing to do no longer fills the Jobs page. Runs already stored count once each.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261205000000_JobRunRepeats")]
public sealed class JobRunRepeats : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("Repeats", "JobRuns", nullable: false, defaultValue: 1);
        mb.AddColumn<DateTime>("RepeatedSince", "JobRuns", nullable: true);
    }

    // SQLite cannot drop columns through EF without a target model; the SQL is the same on both providers.
    protected override void Down(MigrationBuilder mb)
    {
        mb.Sql("ALTER TABLE \"JobRuns\" DROP COLUMN \"RepeatedSince\"");
        mb.Sql("ALTER TABLE \"JobRuns\" DROP COLUMN \"Repeats\"");
    }
}
