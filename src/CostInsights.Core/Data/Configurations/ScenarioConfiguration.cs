using CostInsights.Core.Scenarios;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> b)
    {
        b.Property(s => s.Name).HasMaxLength(Lengths.Name);
        b.Property(s => s.CreatedBy).HasMaxLength(Lengths.Name);
    }
}
