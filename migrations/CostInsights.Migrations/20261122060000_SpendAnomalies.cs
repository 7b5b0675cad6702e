using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>Days whose spend fell far outside their weekday's usual band, once each.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122060000_SpendAnomalies")]
public sealed class SpendAnomalies : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("SpendAnomalies", c => new
        {
            Id = c.Identity<long>(),
            Day = c.Column<DateTime>(nullable: false),
            Spend = c.Column<decimal>(nullable: false),
            Expected = c.Column<decimal>(nullable: false),
            Lower = c.Column<decimal>(nullable: false),
            Upper = c.Column<decimal>(nullable: false),
            Team = c.Text(200),
            Provider = c.Text(200),
            Model = c.Text(200),
            Moved = c.Column<decimal>(nullable: false),
            CreatedAt = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SpendAnomalies", x => x.Id));
        mb.CreateIndex("IX_SpendAnomalies_Day", "SpendAnomalies", "Day", unique: true);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("SpendAnomalies");
}
