using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// Usage records may be stored unpriced and carry tags; batches commit in chunks and resume; billed
/// and compute-time cost lines; column mappings saved per source.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122080000_IngestionAtScale")]
public sealed class IngestionAtScale : Migration
{
    private const int Key = 100;
    private const int Name = 200;
    private const int Text = 2000;

    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<bool>("IsUnpriced", "UsageRecords", nullable: false, defaultValue: false);
        mb.AddColumn<string>("Tags", "UsageRecords", maxLength: Text, nullable: true);
        mb.AddColumn<long>("RowsUnpriced", "IngestionBatches", nullable: false, defaultValue: 0L);
        mb.AddColumn<long>("RowsCommitted", "IngestionBatches", nullable: false, defaultValue: 0L);
        mb.AddColumn<long>("RowsZoneAssumed", "IngestionBatches", nullable: false, defaultValue: 0L);
        mb.AddColumn<string>("Notes", "IngestionBatches", maxLength: Text, nullable: true);
        mb.AddColumn<string>("Mapping", "IngestionBatches", maxLength: Key, nullable: true);
        mb.AddColumn<long>("InputTokens", "IngestionBatches", nullable: false, defaultValue: 0L);
        mb.AddColumn<long>("OutputTokens", "IngestionBatches", nullable: false, defaultValue: 0L);
        mb.AddColumn<decimal>("TokenCost", "IngestionBatches", nullable: false, defaultValue: 0m);
        mb.AddColumn<decimal>("ComputeCost", "IngestionBatches", nullable: false, defaultValue: 0m);

        mb.CreateTable("CostLines", c => new
        {
            Id = c.Identity<long>(),
            Kind = c.Text(20),
            PeriodStart = c.Column<DateTime>(nullable: false),
            PeriodEnd = c.Column<DateTime>(nullable: false),
            Provider = c.Text(Key),
            Model = c.Text(Name, nullable: true),
            Team = c.Text(Name),
            Description = c.Text(Name),
            Quantity = c.Column<decimal>(nullable: false),
            Unit = c.Text(40),
            Amount = c.Column<decimal>(nullable: false),
            PriceSheetId = c.Column<int>(nullable: true),
            IngestionBatchId = c.Column<long>(nullable: false),
            NaturalKey = c.Text(Key),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CostLines", x => x.Id);
            t.ForeignKey("FK_CostLines_IngestionBatches_IngestionBatchId", x => x.IngestionBatchId, "IngestionBatches", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_CostLines_IngestionBatchId", "CostLines", "IngestionBatchId");
        mb.CreateIndex("IX_CostLines_NaturalKey", "CostLines", "NaturalKey", unique: true);
        mb.CreateIndex("IX_CostLines_PeriodStart", "CostLines", "PeriodStart");

        mb.CreateTable("SourceMappings", c => new
        {
            Id = c.Identity<int>(),
            Name = c.Text(Key),
            Columns = c.Text(Text),
            Constants = c.Text(Text),
            UpdatedBy = c.Text(Name),
            UpdatedAt = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SourceMappings", x => x.Id));
        mb.CreateIndex("IX_SourceMappings_Name", "SourceMappings", "Name", unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("SourceMappings");
        mb.DropTable("CostLines");
        foreach (var (table, column) in new[] { ("UsageRecords", "IsUnpriced"), ("UsageRecords", "Tags"), ("IngestionBatches", "RowsUnpriced"),
            ("IngestionBatches", "RowsCommitted"), ("IngestionBatches", "RowsZoneAssumed"), ("IngestionBatches", "Mapping"),
            ("IngestionBatches", "InputTokens"), ("IngestionBatches", "OutputTokens"),
                     ("IngestionBatches", "TokenCost"), ("IngestionBatches", "ComputeCost"), ("IngestionBatches", "Notes") })
        {
            mb.Sql($"ALTER TABLE \"{table}\" DROP COLUMN \"{column}\"");
        }
    }
}
