using CostInsights.Core.Budgets;
using CostInsights.Core.Catalog;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Jobs;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Scenarios;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostInsights.Core.Data;

internal static class Lengths
{
    public const int Name = 200;
    public const int Key = 100;
    public const int Text = 2000;
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.Property(p => p.Id).HasMaxLength(Lengths.Key);
        b.Property(p => p.DisplayName).HasMaxLength(Lengths.Name);
    }
}

internal sealed class LanguageModelConfiguration : IEntityTypeConfiguration<LanguageModel>
{
    public void Configure(EntityTypeBuilder<LanguageModel> b)
    {
        b.Property(m => m.Provider).HasMaxLength(Lengths.Key);
        b.Property(m => m.Name).HasMaxLength(Lengths.Name);
        b.Property(m => m.Family).HasMaxLength(Lengths.Name);
        b.Property(m => m.SizeClass).HasMaxLength(Lengths.Key);
        b.Property(m => m.EquivalentTo).HasMaxLength(Lengths.Name);
        b.HasIndex(m => new { m.Provider, m.Name }).IsUnique();
    }
}

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
        b.HasIndex(s => new { s.Name, s.Version }).IsUnique();
        b.HasMany(s => s.TokenPrices).WithOne().HasForeignKey(p => p.PriceSheetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.CapacityOffers).WithOne().HasForeignKey(o => o.PriceSheetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TokenPriceConfiguration : IEntityTypeConfiguration<TokenPrice>
{
    public void Configure(EntityTypeBuilder<TokenPrice> b)
    {
        b.Property(p => p.Provider).HasMaxLength(Lengths.Key);
        b.Property(p => p.Model).HasMaxLength(Lengths.Name);
        b.Property(p => p.ServiceTier).HasMaxLength(20);
        b.HasIndex(p => new { p.Provider, p.Model, p.EffectiveFrom });
    }
}

internal sealed class CapacityOfferConfiguration : IEntityTypeConfiguration<CapacityOffer>
{
    public void Configure(EntityTypeBuilder<CapacityOffer> b)
    {
        b.Property(o => o.Provider).HasMaxLength(Lengths.Key);
        b.Property(o => o.Model).HasMaxLength(Lengths.Name);
        b.Property(o => o.UnitKind).HasConversion<string>().HasMaxLength(40);
        b.Property(o => o.Term).HasConversion<string>().HasMaxLength(40);
        b.HasIndex(o => new { o.Provider, o.Model, o.EffectiveFrom });
    }
}

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> b)
    {
        b.Property(r => r.Provider).HasMaxLength(Lengths.Key);
        b.Property(r => r.Model).HasMaxLength(Lengths.Name);
        b.Property(r => r.Team).HasMaxLength(Lengths.Name);
        b.Property(r => r.Project).HasMaxLength(Lengths.Name);
        b.Property(r => r.Application).HasMaxLength(Lengths.Name);
        b.Property(r => r.NaturalKey).HasMaxLength(Lengths.Key);
        b.Property(r => r.Tags).HasMaxLength(Lengths.Text);
        b.Property(r => r.ServiceTier).HasMaxLength(20);
        b.HasIndex(r => r.NaturalKey).IsUnique();
        b.HasIndex(r => r.OccurredAt);
        b.HasOne<IngestionBatch>().WithMany().HasForeignKey(r => r.IngestionBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class MonthlyRollupConfiguration : UsageRollupConfiguration<MonthlyRollup>;

internal sealed class IngestionBatchConfiguration : IEntityTypeConfiguration<IngestionBatch>
{
    public void Configure(EntityTypeBuilder<IngestionBatch> b)
    {
        b.Property(x => x.FileName).HasMaxLength(Lengths.Name);
        b.Property(x => x.Format).HasMaxLength(Lengths.Key);
        b.Property(x => x.StoredPath).HasMaxLength(Lengths.Name);
        b.Property(x => x.CreatedBy).HasMaxLength(Lengths.Name);
        b.Property(x => x.Error).HasMaxLength(Lengths.Text);
        b.Property(x => x.Notes).HasMaxLength(Lengths.Text);
        b.Property(x => x.Mapping).HasMaxLength(Lengths.Key);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.Status);
        b.HasMany(x => x.RejectedRows).WithOne().HasForeignKey(r => r.IngestionBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CostLineConfiguration : IEntityTypeConfiguration<CostLine>
{
    public void Configure(EntityTypeBuilder<CostLine> b)
    {
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Provider).HasMaxLength(Lengths.Key);
        b.Property(x => x.Model).HasMaxLength(Lengths.Name);
        b.Property(x => x.Team).HasMaxLength(Lengths.Name);
        b.Property(x => x.Description).HasMaxLength(Lengths.Name);
        b.Property(x => x.Unit).HasMaxLength(40);
        b.Property(x => x.NaturalKey).HasMaxLength(Lengths.Key);
        b.HasIndex(x => x.NaturalKey).IsUnique();
        b.HasIndex(x => x.PeriodStart);
        b.HasOne<IngestionBatch>().WithMany().HasForeignKey(x => x.IngestionBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SourceMappingConfiguration : IEntityTypeConfiguration<SourceMapping>
{
    public void Configure(EntityTypeBuilder<SourceMapping> b)
    {
        b.Property(x => x.Name).HasMaxLength(Lengths.Key);
        b.Property(x => x.Columns).HasMaxLength(Lengths.Text);
        b.Property(x => x.Constants).HasMaxLength(Lengths.Text);
        b.Property(x => x.UpdatedBy).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class RejectedRowConfiguration : IEntityTypeConfiguration<RejectedRow>
{
    public void Configure(EntityTypeBuilder<RejectedRow> b)
    {
        b.Property(r => r.Column).HasMaxLength(Lengths.Name);
        b.Property(r => r.Reason).HasMaxLength(Lengths.Text);
    }
}

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

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> b)
    {
        b.Property(s => s.Name).HasMaxLength(Lengths.Name);
        b.Property(s => s.CreatedBy).HasMaxLength(Lengths.Name);
    }
}

internal sealed class SpendAnomalyConfiguration : IEntityTypeConfiguration<Anomalies.SpendAnomaly>
{
    public void Configure(EntityTypeBuilder<Anomalies.SpendAnomaly> b)
    {
        b.Property(x => x.Team).HasMaxLength(Lengths.Name);
        b.Property(x => x.Provider).HasMaxLength(Lengths.Name);
        b.Property(x => x.Model).HasMaxLength(Lengths.Name);
        b.HasIndex(x => x.Day).IsUnique();
    }
}

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

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.Property(x => x.Team).HasMaxLength(Lengths.Name);
        b.HasIndex(x => new { x.Team, x.Month });
    }
}

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

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(Lengths.Name);
    }
}
