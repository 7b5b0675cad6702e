using CostInsights.Core.Catalog;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Jobs;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Demo;

/// <summary>Fills an empty database with the demo company: catalog, price history and 24 months of usage.</summary>
public sealed class DemoSeeder(
    CostInsightsDbContext db,
    PriceSheetService priceSheets,
    UsageIngestionService ingestion,
    UserAdministration users,
    Forecasts.ForecastService forecasts,
    Budgets.BudgetService budgets,
    TimeProvider time)
{
    public const string BatchName = "demo usage (generated)";

    public async Task<DemoSeedResult> SeedUsageAsync(CancellationToken cancellationToken)
    {
        if (await db.UsageRecords.AnyAsync(cancellationToken))
        {
            return new DemoSeedResult(false, 0, "the database already holds usage; demo data is only added to an empty one");
        }
        var generator = new DemoDataGenerator(time);
        await SeedCatalogAsync(cancellationToken);
        foreach (var (name, prices, offers) in generator.PriceSheets())
        {
            await priceSheets.SaveAsync(name, "demo", null, "demo", prices, offers, PriceSheetStatus.Active, cancellationToken);
        }
        var batch = new IngestionBatch
        {
            FileName = BatchName,
            Format = "demo",
            Status = IngestionStatus.Running,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            StartedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = "demo",
        };
        db.IngestionBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        await ingestion.IngestAsync(batch, generator.Usage(), null, cancellationToken);
        await SeedCostReportAsync(cancellationToken);
        return new DemoSeedResult(true, batch.RowsAccepted, null);
    }

    /// <summary>
    /// Last month's bills, ingested as uploads of them are: Anthropic's cost report (<see cref="DemoCostReport"/>) and OpenAI's
    /// costs (<see cref="DemoOpenAiCosts"/>). Google's usage stays without a bill, as a provider that sends none.
    /// </summary>
    private async Task SeedCostReportAsync(CancellationToken cancellationToken)
    {
        var month = Usage.RollupAccumulator.MonthOf(time.GetUtcNow().UtcDateTime).AddMonths(-1);
        var label = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (provider, name, write) in new (string, string, Func<IEnumerable<Reconciliation.PricedCharge>, string>)[]
        {
            ("anthropic", $"anthropic-cost-report-{label}.json", DemoCostReport.Write),
            ("openai", $"openai-costs-{label}.json", DemoOpenAiCosts.Write),
        })
        {
            var charges = await new Reconciliation.ReconciliationService(db).PricedAsync(month, [provider], cancellationToken);
            if (charges.Count == 0)
            {
                continue;
            }
            using var bill = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(write(charges)));
            var batch = await ingestion.QueueFileAsync(bill, name, "demo", cancellationToken);
            await ingestion.RunBatchAsync(batch.Id, cancellationToken);
        }
    }

    /// <summary>
    /// Gives the demo company a plan, as a finance team would have one: a first forecast, a total budget
    /// for this month and the next five at 10% over this month's forecast, and the team that spent most
    /// last month held to 85% of that, which its forecast crosses, so that the Overview shows an alert.
    /// Does nothing where a forecast or a budget exists already. The forecast is the forecast job's work, done before any job
    /// server starts: it is kept as a run of that job, so that the Jobs page does not say the forecast has never run beside a
    /// Forecasts page that shows it.
    /// </summary>
    public async Task SeedPlanAsync(CancellationToken cancellationToken)
    {
        if (await db.ForecastRuns.AnyAsync(cancellationToken) || await db.Budgets.AnyAsync(cancellationToken))
        {
            return;
        }
        var started = time.GetUtcNow().UtcDateTime;
        var run = await forecasts.RunAsync(cancellationToken);
        RecordForecastJob(started, run.Describe(await PlanBudgetsAsync(cancellationToken)));
    }

    /// <summary>
    /// The budgets of <see cref="SeedPlanAsync"/>, set from the forecast just made, and the alerts the check after it wrote.
    /// </summary>
    private async Task<int> PlanBudgetsAsync(CancellationToken cancellationToken)
    {
        var month = Usage.RollupAccumulator.MonthOf(time.GetUtcNow().UtcDateTime);
        var total = await db.ForecastRuns.AsNoTracking()
            .Where(r => r.Series == Forecasts.SeriesKeys.Total && r.Measure == Forecasts.ForecastMeasures.TokenSpend)
            .Select(r => r.PointsJson).FirstOrDefaultAsync(cancellationToken) is { } json
            ? Forecasts.ForecastPoint.Deserialize(json).FirstOrDefault(p => p.Month == month)?.Point
            : null;
        if (total is not { } forecast || forecast <= 0)
        {
            return 0;
        }
        await budgets.SetAsync(null, month, 6, Math.Round(forecast * 1.10m / 100m) * 100m, cancellationToken);
        var lastMonth = (await db.MonthlyRollups.AsNoTracking().Where(r => r.PeriodStart == month.AddMonths(-1))
                .Select(r => new { r.Team, r.TokenCost }).ToListAsync(cancellationToken))
            .GroupBy(r => r.Team).Select(g => (Team: g.Key, Spend: g.Sum(r => r.TokenCost))).OrderByDescending(t => t.Spend).FirstOrDefault();
        if (lastMonth.Team is not null && lastMonth.Spend > 0)
        {
            await budgets.SetAsync(lastMonth.Team, month, 3, Math.Round(lastMonth.Spend * 0.85m / 10m) * 10m, cancellationToken);
        }
        return await budgets.CheckAsync(cancellationToken);
    }

    private void RecordForecastJob(DateTime started, string outcome) =>
        JobRunLog.Record(db, new JobRun
        {
            JobName = JobIds.Forecast,
            StartedAt = started,
            FinishedAt = time.GetUtcNow().UtcDateTime,
            Succeeded = true,
            Message = $"{outcome} (the demo's first forecast)",
            Node = "demo seed",
        });

    public async Task SeedUsersAsync()
    {
        var existing = (await users.ListAsync()).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var user in DemoUsers.All.Where(u => !existing.Contains(u.Email)))
        {
            var result = await users.AddAsync(user.Email, user.Password, user.Role);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create the demo user {user.Email}: {result.Error}");
            }
        }
    }

    private async Task SeedCatalogAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in DemoCatalog.Models.Select(m => m.Provider).Distinct())
        {
            if (!await db.Providers.AnyAsync(p => p.Id == provider, cancellationToken))
            {
                db.Providers.Add(new Provider { Id = provider, DisplayName = provider });
            }
        }
        foreach (var m in DemoCatalog.Models)
        {
            if (!await db.Models.AnyAsync(x => x.Provider == m.Provider && x.Name == m.Name, cancellationToken))
            {
                db.Models.Add(new LanguageModel { Provider = m.Provider, Name = m.Name, Family = m.Family, SizeClass = m.SizeClass });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

public sealed record DemoSeedResult(bool Seeded, long Records, string? Reason);
