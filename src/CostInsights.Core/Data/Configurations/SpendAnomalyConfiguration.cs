using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class SpendAnomalyConfiguration : IEntityTypeConfiguration<Anomalies.SpendAnomaly>
{
    public void Configure(EntityTypeBuilder<Anomalies.SpendAnomaly> b)
    {
        b.Property(x => x.Team).HasMaxLength(Lengths.Name);
        b.Property(x => x.Provider).HasMaxLength(Lengths.Name);
        b.Property(x => x.Model).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.Day).IsUnique();
    }
}
