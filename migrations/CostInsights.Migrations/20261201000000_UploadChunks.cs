using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>Uploads kept in the database in pieces, so that any node of a cluster can ingest them.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261201000000_UploadChunks")]
public sealed class UploadChunks : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("UploadChunks", c => new
        {
            Id = c.Identity<long>(),
            IngestionBatchId = c.Column<long>(nullable: false),
            Sequence = c.Column<int>(nullable: false),
            Data = c.Column<byte[]>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UploadChunks", x => x.Id);
            t.ForeignKey("FK_UploadChunks_IngestionBatches_IngestionBatchId", x => x.IngestionBatchId, "IngestionBatches", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_UploadChunks_IngestionBatchId_Sequence", "UploadChunks", ["IngestionBatchId", "Sequence"], unique: true);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("UploadChunks");
}
