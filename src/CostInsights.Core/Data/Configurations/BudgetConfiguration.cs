using CostInsights.Core.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.Property(x => x.Team).HasMaxLength(Lengths.Name);
        b.HasIndex(x => new { x.Team, x.Month });
    }
}
