using CostInsights.Core.PriceSheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class PriceSheetNoteConfiguration : IEntityTypeConfiguration<PriceSheetNote>
{
    public void Configure(EntityTypeBuilder<PriceSheetNote> b)
    {
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Text).HasMaxLength(PriceSheetNote.MaxLength);
    }
}
