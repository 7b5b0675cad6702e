using CostInsights.Core.PriceSheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class CapacityOfferConfiguration : IEntityTypeConfiguration<CapacityOffer>
{
    public void Configure(EntityTypeBuilder<CapacityOffer> b)
    {
        b.Property(o => o.Provider).HasMaxLength(Lengths.Key);
        b.Property(o => o.Model).HasMaxLength(Lengths.Name);
        b.Property(o => o.UnitKind).HasConversion<string>().HasMaxLength(40);
        b.Property(o => o.Term).HasConversion<string>().HasMaxLength(40);
        b.HasIndex(o => new { o.Provider, o.Model, o.EffectiveFrom });
    }
}
