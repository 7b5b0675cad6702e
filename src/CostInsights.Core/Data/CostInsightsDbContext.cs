using CostInsights.Core.Budgets;
using CostInsights.Core.Catalog;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Jobs;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Scenarios;
using CostInsights.Core.Usage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Data;

public sealed class CostInsightsDbContext(DbContextOptions<CostInsightsDbContext> options)
    : IdentityDbContext<IdentityUser>(options)
{
    public const string MigrationsAssembly = "CostInsights.Migrations";

    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<LanguageModel> Models => Set<LanguageModel>();
    public DbSet<PriceSheet> PriceSheets => Set<PriceSheet>();
    public DbSet<TokenPrice> TokenPrices => Set<TokenPrice>();
    public DbSet<CapacityOffer> CapacityOffers => Set<CapacityOffer>();
    public DbSet<PriceSheetNote> PriceSheetNotes => Set<PriceSheetNote>();
    public DbSet<UsageRecord> UsageRecords => Set<UsageRecord>();
    public DbSet<HourlyRollup> HourlyRollups => Set<HourlyRollup>();
    public DbSet<DailyRollup> DailyRollups => Set<DailyRollup>();
    public DbSet<MonthlyRollup> MonthlyRollups => Set<MonthlyRollup>();
    public DbSet<IngestionBatch> IngestionBatches => Set<IngestionBatch>();
    public DbSet<RejectedRow> RejectedRows => Set<RejectedRow>();
    public DbSet<UploadChunk> UploadChunks => Set<UploadChunk>();
    public DbSet<CostLine> CostLines => Set<CostLine>();
    public DbSet<SourceMapping> SourceMappings => Set<SourceMapping>();
    public DbSet<ForecastRun> ForecastRuns => Set<ForecastRun>();
    public DbSet<Scenario> Scenarios => Set<Scenario>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<BudgetAlert> BudgetAlerts => Set<BudgetAlert>();
    public DbSet<Users.ApiKey> ApiKeys => Set<Users.ApiKey>();
    public DbSet<Anomalies.SpendAnomaly> SpendAnomalies => Set<Anomalies.SpendAnomaly>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CostInsightsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
