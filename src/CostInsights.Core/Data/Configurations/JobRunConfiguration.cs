using CostInsights.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(j => j.JobName).HasMaxLength(Lengths.Name);
        b.Property(j => j.Message).HasMaxLength(Lengths.Text);
        b.Property(j => j.Node).HasMaxLength(Lengths.Name);
        b.HasIndex(j => new { j.JobName, j.StartedAt });
    }
}
