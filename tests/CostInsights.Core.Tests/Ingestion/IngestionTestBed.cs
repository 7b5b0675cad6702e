using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CostInsights.Core.Tests.Ingestion;

/// <summary>A migrated database with the services that ingest into it.</summary>
internal sealed class IngestionTestBed : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    private IngestionTestBed(TestDatabase database, CostInsightsDbContext db, FixedTimeProvider time, bool ownsDatabase = true)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        Db = db;
        Time = time;
    }

    public CostInsightsDbContext Db { get; }
    public FixedTimeProvider Time { get; }
    public IngestionProgress Progress { get; } = new();

    public static async Task<IngestionTestBed> CreateAsync(DatabaseProvider provider, string? timeZone = null)
    {
        var database = await TestDatabase.CreateAsync(provider, timeZone);
        var db = await database.MigratedContextAsync();
        return new IngestionTestBed(database, db, new FixedTimeProvider(new DateTimeOffset(2026, 5, 10, 12, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>A bed over a database the caller made (and disposes), migrated to the latest.</summary>
    public static async Task<IngestionTestBed> OnAsync(TestDatabase database) =>
        new(database, await database.MigratedContextAsync(), new FixedTimeProvider(new DateTimeOffset(2026, 5, 10, 12, 0, 0, TimeSpan.Zero)),
            ownsDatabase: false);

    public UsageIngestionService Ingestion(IngestionOptions? options = null) => new(Db, Time, Progress, Options.Create(_database.Options),
        Options.Create(options ?? new IngestionOptions()), NullLogger<UsageIngestionService>.Instance);

    public async Task<PriceSheet> UploadPricesAsync(string csv)
    {
        var service = new PriceSheetService(Db, Time, new RepriceRequests());
        var upload = await service.UploadAsync(null, null, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "prices.csv", "test", CancellationToken.None);
        upload.Import.Errors.ShouldBeEmpty();
        (await service.ActivateAsync(upload.Draft!.Id, null, false, "test", CancellationToken.None)).Succeeded.ShouldBeTrue();
        return upload.Draft;
    }

    public Task<IngestionBatch> IngestAsync(string csv, string fileName = "usage.csv", IngestionOptions? options = null) =>
        IngestAsync(Encoding.UTF8.GetBytes(csv), fileName, options);

    public async Task<IngestionBatch> IngestAsync(byte[] content, string fileName, IngestionOptions? options = null)
    {
        var service = Ingestion(options);
        var batch = await service.QueueFileAsync(new MemoryStream(content), fileName, "test", CancellationToken.None);
        await service.RunPendingAsync(CancellationToken.None);
        Db.ChangeTracker.Clear();
        return await Db.IngestionBatches.FindAsync(batch.Id) ?? throw new InvalidOperationException("batch vanished");
    }

    public RepriceService Reprice() => new(Db, Time, NullLogger<RepriceService>.Instance);

    /// <summary>The stored records' sums beside their hourly and monthly rollups' sums, which must agree.</summary>
    public async Task<(long Records, long Input, decimal Cost, long HourlyInput, decimal HourlyCost, long MonthlyInput, decimal MonthlyCost)> TotalsAsync()
    {
        var records = await Db.UsageRecords.AsNoTracking().Select(r => new { r.InputTokens, r.TokenCost }).ToListAsync();
        var hourly = await Db.HourlyRollups.AsNoTracking().Select(r => new { r.InputTokens, r.TokenCost }).ToListAsync();
        var monthly = await Db.MonthlyRollups.AsNoTracking().Select(r => new { r.InputTokens, r.TokenCost }).ToListAsync();
        return (records.Count, records.Sum(r => r.InputTokens), records.Sum(r => r.TokenCost), hourly.Sum(r => r.InputTokens), hourly.Sum(r => r.TokenCost),
            monthly.Sum(r => r.InputTokens), monthly.Sum(r => r.TokenCost));
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}
