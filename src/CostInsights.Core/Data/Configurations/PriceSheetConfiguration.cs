using CostInsights.Core.PriceSheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class PriceSheetConfiguration : IEntityTypeConfiguration<PriceSheet>
{
    public void Configure(EntityTypeBuilder<PriceSheet> b)
    {
        b.Property(s => s.Name).HasMaxLength(Lengths.Name);
        b.Property(s => s.UploadedBy).HasMaxLength(Lengths.Name);
        b.Property(s => s.Format).HasMaxLength(Lengths.Key);
        b.Property(s => s.SourceFileName).HasMaxLength(Lengths.Name);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.ActivatedBy).HasMaxLength(Lengths.Name);
        b.Property(s => s.WarningsConfirmedBy).HasMaxLength(Lengths.Name);
        b.Ignore(s => s.IsInForce);
        b.HasOne<PriceSheet>().WithMany().HasForeignKey(s => s.SupersededById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Notes).WithOne().HasForeignKey(n => n.PriceSheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.Name, s.Version }).IsUnique();
        b.HasMany(s => s.TokenPrices).WithOne().HasForeignKey(p => p.PriceSheetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.CapacityOffers).WithOne().HasForeignKey(o => o.PriceSheetId).OnDelete(DeleteBehavior.Restrict);
    }
}
