using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// Rollups by UTC day beside the hourly and monthly ones, filled from the hourly rollups already stored: spend over weeks
/// or days of a long period reads one row a day for each group, not 24.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261202020000_DailyRollups")]
public sealed class DailyRollups : Migration
{
    private const string Table = "DailyRollups";
    private const int Name = 200;
    private const int Key = 100;

    private const string Dimensions = "\"Provider\", \"Model\", \"Team\", \"TokenPriceSheetId\", \"ComputeCostIsEstimated\", \"ComputePriceSheetId\"";

    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(Table, c => new
        {
            Id = c.Identity<long>(),
            PeriodStart = c.Column<DateTime>(nullable: false),
            Provider = c.Text(Key),
            Model = c.Text(Name),
            Team = c.Text(Name),
            InputTokens = c.Column<long>(nullable: false),
            OutputTokens = c.Column<long>(nullable: false),
            CachedInputTokens = c.Column<long>(nullable: false),
            CacheWriteTokens = c.Column<long>(nullable: false),
            ReasoningTokens = c.Column<long>(nullable: false),
            Requests = c.Column<long>(nullable: false),
            RecordCount = c.Column<long>(nullable: false),
            TokenCost = c.Column<decimal>(nullable: false),
            TokenPriceSheetId = c.Column<int>(nullable: false),
            ComputeCost = c.Column<decimal>(nullable: true),
            ComputeCostIsEstimated = c.Column<bool>(nullable: false),
            ComputePriceSheetId = c.Column<int>(nullable: true),
        }, constraints: t => t.PrimaryKey($"PK_{Table}", x => x.Id));
        mb.CreateIndex($"IX_{Table}_PeriodStart_Provider_Model_Team", Table, ["PeriodStart", "Provider", "Model", "Team"]);

        // Exact sums: numeric on PostgreSQL, EF Core's decimal ef_sum on SQLite (which keeps times as 'yyyy-MM-dd HH:mm:ss' text).
        var (day, sum) = mb.IsNpgsql()
            ? ("(date_trunc('day', \"PeriodStart\" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')", "SUM")
            : ("substr(\"PeriodStart\", 1, 10) || ' 00:00:00'", "ef_sum");
        mb.Sql(
            $"INSERT INTO \"{Table}\" (\"PeriodStart\", {Dimensions}, \"InputTokens\", \"OutputTokens\", \"CachedInputTokens\", \"CacheWriteTokens\", " +
            "\"ReasoningTokens\", \"Requests\", \"RecordCount\", \"TokenCost\", \"ComputeCost\") " +
            $"SELECT {day}, {Dimensions}, SUM(\"InputTokens\"), SUM(\"OutputTokens\"), SUM(\"CachedInputTokens\"), SUM(\"CacheWriteTokens\"), " +
            $"SUM(\"ReasoningTokens\"), SUM(\"Requests\"), SUM(\"RecordCount\"), {sum}(\"TokenCost\"), {sum}(\"ComputeCost\") " +
            $"FROM \"HourlyRollups\" GROUP BY {day}, {Dimensions}");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable(Table);
}
