using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class SourceMappingConfiguration : IEntityTypeConfiguration<SourceMapping>
{
    public void Configure(EntityTypeBuilder<SourceMapping> b)
    {
        b.Property(x => x.Name).HasMaxLength(Lengths.Key);
        b.Property(x => x.Columns).HasMaxLength(Lengths.Text);
        b.Property(x => x.Constants).HasMaxLength(Lengths.Text);
        b.Property(x => x.UpdatedBy).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.Name).IsUnique();
    }
}
