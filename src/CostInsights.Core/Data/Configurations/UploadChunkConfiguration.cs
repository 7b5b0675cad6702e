using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class UploadChunkConfiguration : IEntityTypeConfiguration<UploadChunk>
{
    public void Configure(EntityTypeBuilder<UploadChunk> b)
    {
        b.HasIndex(c => new { c.IngestionBatchId, c.Sequence }).IsUnique();
        b.HasOne<IngestionBatch>().WithMany().HasForeignKey(c => c.IngestionBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
