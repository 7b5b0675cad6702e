using System.Text;
using System.Text.RegularExpressions;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets.Formats;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.PriceSheets;

/// <summary>
/// Price sheets from upload to activation: a file is read in its format and stored as a draft,
/// previewed against the prices in force, and activated with a date, which supersedes the earlier versions of its name
/// and queues the re-pricing of months already priced. Nothing is overwritten or deleted; nothing changes the prices in
/// force until activation, which commits whole or not at all.
/// </summary>
public sealed partial class PriceSheetService(CostInsightsDbContext db, TimeProvider time, IRepriceQueue reprices)
{
    public static readonly IReadOnlyList<string> Formats =
        [PriceSheetCsv.Format, LiteLlmPriceFile.Format, GenAiPricesFile.Format, OpenRouterModelsFile.Format];

    /// <summary>Reads the file and, when nothing is wrong with it, stores it as a draft.</summary>
    public async Task<PriceSheetUpload> UploadAsync(string? name, string? format, Stream content, string fileName, string uploadedBy,
        CancellationToken cancellationToken)
    {
        format ??= await DetectFormatAsync(fileName, content, cancellationToken);
        var import = format switch
        {
            PriceSheetCsv.Format => PriceSheetCsv.Read(new StreamReader(content), fileName),
            LiteLlmPriceFile.Format => LiteLlmPriceFile.Read(content, time.GetUtcNow().UtcDateTime.Date),
            GenAiPricesFile.Format => GenAiPricesFile.Read(content),
            OpenRouterModelsFile.Format => OpenRouterModelsFile.Read(content, time.GetUtcNow().UtcDateTime.Date),
            _ => Refused(format, fileName),
        };
        if (!import.Succeeded)
        {
            if (import.Errors.Count == 0)
            {
                import.Errors.Add($"{fileName}: no prices to store");
            }
            return new PriceSheetUpload(import, null);
        }
        var sheet = await SaveAsync(name ?? "", format, fileName, uploadedBy, import.Prices, import.Offers, PriceSheetStatus.Draft, cancellationToken);
        sheet.IsDated = format is not (LiteLlmPriceFile.Format or OpenRouterModelsFile.Format);
        sheet.Notes = Notes(import);
        await db.SaveChangesAsync(cancellationToken);
        return new PriceSheetUpload(import, sheet);
    }

    /// <summary>Stores prices as a new version of the named sheet.</summary>
    public async Task<PriceSheet> SaveAsync(
        string name, string format, string? fileName, string uploadedBy,
        IReadOnlyList<TokenPrice> tokenPrices, IReadOnlyList<CapacityOffer> capacityOffers,
        PriceSheetStatus status, CancellationToken cancellationToken)
    {
        name = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(fileName ?? "price sheet") : name.Trim();
        var dates = tokenPrices.Select(p => p.EffectiveFrom).Concat(capacityOffers.Select(o => o.EffectiveFrom)).ToList();
        if (dates.Count == 0)
        {
            throw new ArgumentException("A price sheet needs at least one price.", nameof(tokenPrices));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = 1 + (await db.PriceSheets.Where(s => s.Name == name).MaxAsync(s => (int?)s.Version, cancellationToken) ?? 0);
        var now = time.GetUtcNow().UtcDateTime;
        var sheet = new PriceSheet
        {
            Name = name,
            Version = version,
            EffectiveFrom = dates.Min(),
            UploadedAt = now,
            UploadedBy = uploadedBy,
            Format = format,
            SourceFileName = fileName,
            Status = status,
            ActivatedAt = status == PriceSheetStatus.Active ? now : null,
            ActivatedBy = status == PriceSheetStatus.Active ? uploadedBy : null,
            TokenPrices = [.. tokenPrices],
            CapacityOffers = [.. capacityOffers],
        };
        db.PriceSheets.Add(sheet);
        await db.SaveChangesAsync(cancellationToken);
        if (status == PriceSheetStatus.Active)
        {
            await SupersedeAsync(sheet.Name, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return sheet;
    }

    /// <summary>
    /// What activating a draft would change: prices and capacity offers added and changed against those in force, those the
    /// sheet's last active version had and this one drops, and the estimated effect on months already priced. An undated
    /// sheet is taken to start today, the date the activation form suggests. For a sheet already activated, what it changed
    /// then: against the prices in force before it, and the version of its name before it.
    /// </summary>
    public async Task<PriceSheetPreview> PreviewAsync(int sheetId, CancellationToken cancellationToken)
    {
        var sheet = await db.PriceSheets.AsNoTracking().Include(s => s.TokenPrices).Include(s => s.CapacityOffers).Include(s => s.Notes)
            .AsSplitQuery().SingleAsync(s => s.Id == sheetId, cancellationToken);
        var draft = sheet.Status == PriceSheetStatus.Draft;
        var (activePrices, activeOffers) = draft
            ? await PricesInForce.ActiveAsync(db, cancellationToken)
            : await PricesInForce.ActiveBeforeAsync(db, sheet, cancellationToken);
        var book = PricesInForce.Book(activePrices, activeOffers);
        var now = time.GetUtcNow().UtcDateTime;
        var changes = sheet.TokenPrices
            .OrderBy(p => p.Provider, StringComparer.Ordinal).ThenBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.ServiceTier, StringComparer.Ordinal)
                .ThenBy(p => p.EffectiveFrom)
            .Select(p =>
            {
                var before = book.ExactTokenRatesAt(p.Provider, p.Model, p.ServiceTier, sheet.IsDated ? p.EffectiveFrom : now);
                return new PriceChange(p.Provider, p.Model, p.ServiceTier, sheet.IsDated ? p.EffectiveFrom : null,
                    before is null ? PriceChangeKind.Added : PriceChangeKind.Changed,
                    PriceDifferences.Between(before?.Rates, p.ToRates()));
            })
            .Where(c => c.Kind == PriceChangeKind.Added || c.Fields.Count > 0)
            .ToList();
        var previous = await db.PriceSheets.AsNoTracking().Include(s => s.TokenPrices).Include(s => s.CapacityOffers).AsSplitQuery()
            .Where(PriceSheet.InForce).Where(s => s.Name == sheet.Name && s.Version < sheet.Version)
            .OrderByDescending(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        var kept = sheet.TokenPrices.Select(p => (p.Provider, p.Model.ToLowerInvariant(), p.ServiceTier)).ToHashSet();
        var removed = previous?.TokenPrices
            .Where(p => !kept.Contains((p.Provider, p.Model.ToLowerInvariant(), p.ServiceTier)))
            .Select(p => $"{p.Provider}/{p.Model} ({p.ServiceTier})").Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
        var offers = OfferChanges(sheet, previous, activeOffers, now);
        // A draft's prices as activation would date them; an active sheet's effect is already stored.
        List<TokenPrice> draftPrices = draft ? [.. sheet.TokenPrices.Select(p => sheet.IsDated ? p : p.StartingOn(now.Date))] : [];
        List<CapacityOffer> draftOffers = draft ? [.. sheet.CapacityOffers.Select(o => sheet.IsDated ? o : o.StartingOn(now.Date))] : [];
        var after = draft ? PricesInForce.Book(activePrices.Concat(draftPrices), activeOffers.Concat(draftOffers)) : book;
        var impact = await PriceSheetImpactEstimate.EstimateAsync(db, book, after, draftPrices, draftOffers, cancellationToken);
        var skipped = sheet.Notes.Where(n => n.Kind == PriceSheetNoteKind.Skipped).Select(n => $"{n.Entries} × {n.Text}").ToList();
        return new PriceSheetPreview(sheet, changes, removed, sheet.TokenPrices.Count - changes.Count, [.. sheet.Warnings], skipped,
            offers, sheet.CapacityOffers.Count - offers.Count(o => o.Kind != PriceChangeKind.Removed), impact);
    }

    /// <summary>
    /// The sheet's offers against the active offer that prices the model's compute time at their date (whatever its term), and
    /// the models whose offers its last active version had and it drops.
    /// </summary>
    private static List<OfferChange> OfferChanges(PriceSheet sheet, PriceSheet? previous, IReadOnlyList<CapacityOffer> activeOffers, DateTime now)
    {
        static (string, string) Key(CapacityOffer o) => (o.Provider.ToLowerInvariant(), o.Model.ToLowerInvariant());
        var active = activeOffers.Where(o => o.PriceSheetId != sheet.Id)
            .ToLookup(Key);
        var changes = sheet.CapacityOffers
            .OrderBy(o => o.Provider, StringComparer.Ordinal).ThenBy(o => o.Model, StringComparer.Ordinal).ThenBy(o => o.Term).ThenBy(o => o.EffectiveFrom)
            .Select(o =>
            {
                var at = sheet.IsDated ? o.EffectiveFrom : now;
                var before = active[Key(o)].Where(a => a.EffectiveFrom <= at).OrderByDescending(a => a.EffectiveFrom).ThenByDescending(a => a.PriceSheetId)
                    .FirstOrDefault();
                return new OfferChange(o.Provider, o.Model, o.Term, sheet.IsDated ? o.EffectiveFrom : null,
                    before is null ? PriceChangeKind.Added : PriceChangeKind.Changed, PriceDifferences.Between(before, o));
            })
            .Where(c => c.Kind == PriceChangeKind.Added || c.Fields.Count > 0)
            .ToList();
        var kept = sheet.CapacityOffers.Select(Key).ToHashSet();
        changes.AddRange(previous?.CapacityOffers
            .Where(o => !kept.Contains(Key(o)))
            .DistinctBy(Key)
            .Select(o => new OfferChange(o.Provider, o.Model, o.Term, o.EffectiveFrom, PriceChangeKind.Removed, [])) ?? []);
        return changes;
    }

    /// <summary>
    /// Puts a draft's prices in force (see <see cref="PriceSheet.Activate"/>) and supersedes the earlier versions of its name.
    /// When the prices reach back over usage already priced, the sheet asks for a re-price from that date and it is queued.
    /// </summary>
    public async Task<ActivationResult> ActivateAsync(int sheetId, DateTime? effectiveFrom, bool warningsConfirmed, string activatedBy,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sheet = await db.PriceSheets.Include(s => s.TokenPrices).Include(s => s.CapacityOffers).Include(s => s.Notes).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == sheetId, cancellationToken);
        if (sheet is null)
        {
            return ActivationResult.Fail($"there is no price sheet {sheetId}");
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (sheet.Activate(effectiveFrom, warningsConfirmed, activatedBy, now) is { } refusal)
        {
            return ActivationResult.Fail(refusal);
        }
        var from = sheet.EffectiveFrom;
        if (await db.UsageRecords.AnyAsync(r => r.OccurredAt >= from, cancellationToken))
        {
            sheet.RepriceFrom = from;
        }
        await db.SaveChangesAsync(cancellationToken);
        await SupersedeAsync(sheet.Name, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (sheet.RepriceFrom is not null)
        {
            await reprices.RequestAsync(cancellationToken);
        }
        return new ActivationResult(true, null, sheet.RepriceFrom);
    }

    /// <summary>Of the versions of a name in force, the latest is active and every earlier one superseded by it.</summary>
    private async Task SupersedeAsync(string name, DateTime now, CancellationToken cancellationToken)
    {
        var inForce = await db.PriceSheets.Where(PriceSheet.InForce).Where(s => s.Name == name)
            .OrderByDescending(s => s.Version).ToListAsync(cancellationToken);
        foreach (var earlier in inForce.Skip(1).Where(s => s.Status == PriceSheetStatus.Active))
        {
            earlier.SupersedeWith(inForce[0], now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every price field of a model in force on a date, with the sheet version that set it.</summary>
    public async Task<IReadOnlyList<PriceInForce>> PricesInForceAsync(string model, DateTime at, CancellationToken cancellationToken)
    {
        var book = await PricesInForce.LoadAsync(db, cancellationToken);
        var candidates = await db.TokenPrices.AsNoTracking()
            .Where(p => p.Model.ToLower() == model.ToLower())
            .Select(p => new { p.Provider, p.Model, p.ServiceTier })
            .Distinct()
            .ToListAsync(cancellationToken);
        var sheets = await db.PriceSheets.AsNoTracking().ToDictionaryAsync(s => s.Id, s => $"{s.Name} v{s.Version}", cancellationToken);
        return candidates
            .Select(c => (c, rates: book.ExactTokenRatesAt(c.Provider, c.Model, c.ServiceTier, at)))
            .Where(x => x.rates is not null)
            .Select(x => new PriceInForce(x.c.Provider, x.c.Model, x.c.ServiceTier, x.rates!.Rates, x.rates.EffectiveFrom, sheets[x.rates.PriceSheetId]))
            .OrderBy(p => p.Provider, StringComparer.Ordinal).ThenBy(p => ServiceTiers.All.ToList().IndexOf(p.ServiceTier))
            .ToList();
    }

    /// <summary>
    /// The capacity offer in force at a time for a model, named <c>model</c> or <c>provider/model</c>,
    /// of the given term or, without one, the cheapest per unit-hour.
    /// </summary>
    public async Task<CapacityOffer?> OfferAsync(string offer, CommitmentTerm? term, DateTime at, CancellationToken cancellationToken)
    {
        var slash = offer.IndexOf('/', StringComparison.Ordinal);
        var provider = slash > 0 ? offer[..slash].ToLowerInvariant() : null;
        var model = (slash > 0 ? offer[(slash + 1)..] : offer).ToLowerInvariant();
        var offers = await db.CapacityOffers.AsNoTracking()
            .Where(o => o.Model.ToLower() == model && o.EffectiveFrom <= at)
            .Where(o => PricesInForce.SheetIds(db).Contains(o.PriceSheetId))
            .ToListAsync(cancellationToken);
        return offers
            .Where(o => provider is null || o.Provider == provider)
            .Where(o => term is null || o.Term == term)
            .GroupBy(o => (o.Provider, o.Term))
            .Select(g => g.OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.PriceSheetId).First())
            .OrderBy(o => o.RatePerUnitHour)
            .FirstOrDefault();
    }

    private static async Task<string> DetectFormatAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        if (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return PriceSheetCsv.Format;
        }
        if (!content.CanSeek)
        {
            return PriceSheetCsv.Format;
        }
        var buffer = new byte[256];
        var read = await content.ReadAsync(buffer, cancellationToken);
        content.Position = 0;
        var first = Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return first.StartsWith('[') ? GenAiPricesFile.Format
            : OpenRouterList().IsMatch(first) ? OpenRouterModelsFile.Format
            : first.StartsWith('{') ? LiteLlmPriceFile.Format
            : PriceSheetCsv.Format;
    }

    /// <summary>An OpenRouter model list: an object whose first member is the <c>data</c> list.</summary>
    [GeneratedRegex("""^\{\s*"data"\s*:\s*\[""")]
    private static partial Regex OpenRouterList();

    private static PriceSheetImport Refused(string format, string fileName)
    {
        var import = new PriceSheetImport { Format = format };
        import.Errors.Add($"{fileName}: unknown format '{format}'; use one of {string.Join(", ", Formats)}");
        return import;
    }

    private static List<PriceSheetNote> Notes(PriceSheetImport import) =>
    [
        .. import.Skipped.OrderByDescending(s => s.Value)
            .Select(s => new PriceSheetNote { Kind = PriceSheetNoteKind.Skipped, Text = Clip(s.Key), Entries = s.Value }),
        .. import.Warnings.Select(w => new PriceSheetNote { Kind = PriceSheetNoteKind.Warning, Text = Clip(w) }),
    ];

    private static string Clip(string text) => text.Length <= PriceSheetNote.MaxLength ? text : text[..(PriceSheetNote.MaxLength - 1)] + "…";
}

public sealed record PriceSheetUpload(PriceSheetImport Import, PriceSheet? Draft);

public sealed record ActivationResult(bool Succeeded, string? Error, DateTime? RepriceFrom)
{
    public static ActivationResult Fail(string error) => new(false, error, null);
}

public sealed record PriceInForce(string Provider, string Model, string ServiceTier, TokenRates Rates, DateTime EffectiveFrom, string Sheet);
