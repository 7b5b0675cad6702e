using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal abstract class UsageRollupConfiguration<T> : IEntityTypeConfiguration<T> where T : UsageRollup
{
    public void Configure(EntityTypeBuilder<T> b)
    {
        b.Property(r => r.Provider).HasMaxLength(Lengths.Key);
        b.Property(r => r.Model).HasMaxLength(Lengths.Name);
        b.Property(r => r.Team).HasMaxLength(Lengths.Name);
        b.HasIndex(r => new { r.PeriodStart, r.Provider, r.Model, r.Team });
    }
}

internal sealed class HourlyRollupConfiguration : UsageRollupConfiguration<HourlyRollup>;

internal sealed class DailyRollupConfiguration : UsageRollupConfiguration<DailyRollup>;

internal sealed class MonthlyRollupConfiguration : UsageRollupConfiguration<MonthlyRollup>;
