using CostInsights.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.Property(p => p.Id).HasMaxLength(Lengths.Key);
        b.Property(p => p.DisplayName).HasMaxLength(Lengths.Name);
    }
}
