using CostInsights.Core.PriceSheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class TokenPriceConfiguration : IEntityTypeConfiguration<TokenPrice>
{
    public void Configure(EntityTypeBuilder<TokenPrice> b)
    {
        b.Property(p => p.Provider).HasMaxLength(Lengths.Key);
        b.Property(p => p.Model).HasMaxLength(Lengths.Name);
        b.Property(p => p.ServiceTier).HasMaxLength(20);
        b.HasIndex(p => new { p.Provider, p.Model, p.EffectiveFrom });
    }
}
