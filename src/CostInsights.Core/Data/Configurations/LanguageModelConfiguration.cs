using CostInsights.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class LanguageModelConfiguration : IEntityTypeConfiguration<LanguageModel>
{
    public void Configure(EntityTypeBuilder<LanguageModel> b)
    {
        b.Property(m => m.Provider).HasMaxLength(Lengths.Key);
        b.Property(m => m.Name).HasMaxLength(Lengths.Name);
        b.Property(m => m.Family).HasMaxLength(Lengths.Name);
        b.Property(m => m.SizeClass).HasMaxLength(Lengths.Key);
        b.Property(m => m.EquivalentTo).HasMaxLength(Lengths.Name);
        b.HasIndex(m => new { m.Provider, m.Name }).IsUnique();
    }
}
