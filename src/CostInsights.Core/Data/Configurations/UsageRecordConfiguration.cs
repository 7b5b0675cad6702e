using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> b)
    {
        b.Property(r => r.Provider).HasMaxLength(Lengths.Key);
        b.Property(r => r.Model).HasMaxLength(Lengths.Name);
        b.Property(r => r.Team).HasMaxLength(Lengths.Name);
        b.Property(r => r.Project).HasMaxLength(Lengths.Name);
        b.Property(r => r.Application).HasMaxLength(Lengths.Name);
        b.Property(r => r.NaturalKey).HasMaxLength(Lengths.Key);
        b.Property(r => r.Tags).HasMaxLength(Lengths.Text);
        b.Property(r => r.ServiceTier).HasMaxLength(20);
        b.HasIndex(r => r.NaturalKey).IsUnique();
        b.HasIndex(r => r.OccurredAt);
        b.HasOne<IngestionBatch>().WithMany().HasForeignKey(r => r.IngestionBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
