using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>Price sheets are previewed as drafts and activated with a date; activation can ask for a re-price.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122030000_PriceSheetActivation")]
public sealed class PriceSheetActivation : Migration
{
    private static readonly string[] Columns = ["Status", "ActivatedAt", "ActivatedBy", "IsDated", "ImportNotes", "RepriceFrom", "RepricedAt"];

    protected override void Up(MigrationBuilder mb)
    {
        // Sheets stored before drafts existed were in force: they stay active.
        mb.AddColumn<string>("Status", "PriceSheets", maxLength: 20, nullable: false, defaultValue: "Active");
        mb.AddColumn<DateTime>("ActivatedAt", "PriceSheets", nullable: true);
        mb.AddColumn<string>("ActivatedBy", "PriceSheets", maxLength: 200, nullable: true);
        mb.AddColumn<bool>("IsDated", "PriceSheets", nullable: false, defaultValue: true);
        mb.AddColumn<string>("ImportNotes", "PriceSheets", nullable: true);
        mb.AddColumn<DateTime>("RepriceFrom", "PriceSheets", nullable: true);
        mb.AddColumn<DateTime>("RepricedAt", "PriceSheets", nullable: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var column in Columns)
        {
            mb.Sql($"ALTER TABLE \"PriceSheets\" DROP COLUMN \"{column}\"");
        }
    }
}
