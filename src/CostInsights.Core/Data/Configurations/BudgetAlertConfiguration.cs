using CostInsights.Core.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class BudgetAlertConfiguration : IEntityTypeConfiguration<BudgetAlert>
{
    public void Configure(EntityTypeBuilder<BudgetAlert> b)
    {
        b.Property(x => x.Team).HasMaxLength(Lengths.Name);
        b.Property(x => x.Scope).HasMaxLength(Lengths.Name + 5);
        b.Property(x => x.Kind).HasMaxLength(Lengths.Key);
        b.HasIndex(x => new { x.Scope, x.Month, x.Kind }).IsUnique();
    }
}
