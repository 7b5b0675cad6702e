using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>Capacity is bought above its minimum in whole increments.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122040000_CapacityUnitIncrement")]
public sealed class CapacityUnitIncrement : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.AddColumn<int>("UnitIncrement", "CapacityOffers", nullable: false, defaultValue: 1);

    protected override void Down(MigrationBuilder mb) =>
        mb.Sql("ALTER TABLE \"CapacityOffers\" DROP COLUMN \"UnitIncrement\"");
}
