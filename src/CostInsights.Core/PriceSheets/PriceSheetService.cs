using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.PriceSheets;

/// <summary>Stores price sheets as new versions. Nothing is ever overwritten or deleted.</summary>
public sealed class PriceSheetService(CostInsightsDbContext db, TimeProvider time)
{
    public async Task<PriceSheetImportResult> ImportCsvAsync(string name, Stream content, string fileName, string uploadedBy, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content);
        var parsed = PriceSheetCsv.Parse(reader, fileName);
        if (!parsed.Succeeded)
        {
            return new PriceSheetImportResult(null, parsed.Errors);
        }
        var sheet = await SaveAsync(name, "csv", fileName, uploadedBy, parsed.Entries, [], cancellationToken);
        return new PriceSheetImportResult(sheet, []);
    }

    public async Task<PriceSheet> SaveAsync(
        string name, string format, string? fileName, string uploadedBy,
        IReadOnlyList<TokenPrice> tokenPrices, IReadOnlyList<CapacityOffer> capacityOffers,
        CancellationToken cancellationToken)
    {
        name = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(fileName ?? "price sheet") : name.Trim();
        var dates = tokenPrices.Select(p => p.EffectiveFrom).Concat(capacityOffers.Select(o => o.EffectiveFrom)).ToList();
        if (dates.Count == 0)
        {
            throw new ArgumentException("A price sheet needs at least one price.", nameof(tokenPrices));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = 1 + (await db.PriceSheets.Where(s => s.Name == name).MaxAsync(s => (int?)s.Version, cancellationToken) ?? 0);
        var sheet = new PriceSheet
        {
            Name = name,
            Version = version,
            EffectiveFrom = dates.Min(),
            UploadedAt = time.GetUtcNow().UtcDateTime,
            UploadedBy = uploadedBy,
            Format = format,
            SourceFileName = fileName,
            TokenPrices = [.. tokenPrices],
            CapacityOffers = [.. capacityOffers],
        };
        db.PriceSheets.Add(sheet);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sheet;
    }
}

public sealed record PriceSheetImportResult(PriceSheet? Sheet, IReadOnlyList<string> Errors);
