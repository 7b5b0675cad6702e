using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class CostLineConfiguration : IEntityTypeConfiguration<CostLine>
{
    public void Configure(EntityTypeBuilder<CostLine> b)
    {
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Provider).HasMaxLength(Lengths.Key);
        b.Property(x => x.Model).HasMaxLength(Lengths.Name);
        b.Property(x => x.Team).HasMaxLength(Lengths.Name);
        b.Property(x => x.Description).HasMaxLength(Lengths.Name);
        b.Property(x => x.ChargeClass).HasMaxLength(60);
        b.Property(x => x.Unit).HasMaxLength(40);
        b.Property(x => x.NaturalKey).HasMaxLength(Lengths.Key);
        b.HasIndex(x => x.NaturalKey).IsUnique();
        b.HasIndex(x => x.PeriodStart);
        b.HasOne<IngestionBatch>().WithMany().HasForeignKey(x => x.IngestionBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
