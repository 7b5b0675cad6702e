using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class IngestionBatchConfiguration : IEntityTypeConfiguration<IngestionBatch>
{
    public void Configure(EntityTypeBuilder<IngestionBatch> b)
    {
        b.Property(x => x.FileName).HasMaxLength(Lengths.Name);
        b.Property(x => x.Format).HasMaxLength(Lengths.Key);
        b.Property(x => x.StoredPath).HasMaxLength(Lengths.Name);
        b.Property(x => x.CreatedBy).HasMaxLength(Lengths.Name);
        b.Property(x => x.Error).HasMaxLength(Lengths.Text);
        b.Property(x => x.Notes).HasMaxLength(Lengths.Text);
        b.Property(x => x.Mapping).HasMaxLength(Lengths.Key);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.Status);
        b.HasMany(x => x.RejectedRows).WithOne().HasForeignKey(r => r.IngestionBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
