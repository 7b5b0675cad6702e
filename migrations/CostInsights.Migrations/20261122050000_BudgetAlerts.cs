using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>Alerts written when actual spend or the forecast crosses a monthly budget, once each.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122050000_BudgetAlerts")]
public sealed class BudgetAlerts : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("BudgetAlerts", c => new
        {
            Id = c.Identity<long>(),
            Team = c.Text(200, nullable: true),
            Scope = c.Text(205),
            Month = c.Column<DateTime>(nullable: false),
            Kind = c.Text(100),
            Budget = c.Column<decimal>(nullable: false),
            Amount = c.Column<decimal>(nullable: false),
            CreatedAt = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_BudgetAlerts", x => x.Id));
        mb.CreateIndex("IX_BudgetAlerts_Scope_Month_Kind", "BudgetAlerts", ["Scope", "Month", "Kind"], unique: true);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("BudgetAlerts");
}
