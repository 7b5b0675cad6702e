using CostInsights.Core.Catalog;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
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
        return new DemoSeedResult(true, batch.RowsAccepted, null);
    }

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
