using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<Users.ApiKey>
{
    public void Configure(EntityTypeBuilder<Users.ApiKey> b)
    {
        b.Property(x => x.Name).HasMaxLength(Lengths.Key);
        b.Property(x => x.Prefix).HasMaxLength(12);
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.Property(x => x.Scope).HasMaxLength(10);
        b.Property(x => x.CreatedBy).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.Prefix).IsUnique();
    }
}
