using CostInsights.Core.Forecasts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class ForecastRunConfiguration : IEntityTypeConfiguration<ForecastRun>
{
    public void Configure(EntityTypeBuilder<ForecastRun> b)
    {
        b.Property(f => f.Series).HasMaxLength(Lengths.Name);
        b.Property(f => f.Measure).HasMaxLength(Lengths.Key);
        b.Property(f => f.Method).HasMaxLength(Lengths.Key);
        b.Property(f => f.MethodReason).HasMaxLength(Lengths.Text);
        b.HasIndex(f => new { f.Series, f.CreatedAt });
    }
}
