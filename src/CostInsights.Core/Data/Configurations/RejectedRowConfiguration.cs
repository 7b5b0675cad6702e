using CostInsights.Core.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class RejectedRowConfiguration : IEntityTypeConfiguration<RejectedRow>
{
    public void Configure(EntityTypeBuilder<RejectedRow> b)
    {
        b.Property(r => r.Column).HasMaxLength(Lengths.Name);
        b.Property(r => r.Reason).HasMaxLength(Lengths.Text);
    }
}
