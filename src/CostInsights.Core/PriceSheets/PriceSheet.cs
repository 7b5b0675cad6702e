using System.Linq.Expressions;

namespace CostInsights.Core.PriceSheets;

/// <summary>
/// A named, versioned set of prices. Never deleted: history is how old months are priced. Its life: a draft, previewed and
/// its warnings confirmed, is activated from a date; a later version of the same name activated after it supersedes it.
/// </summary>
public sealed class PriceSheet
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Version within sheets of the same name, starting at 1.</summary>
    public int Version { get; set; }
    /// <summary>The earliest effective date among the sheet's entries.</summary>
    public DateTime EffectiveFrom { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
    public required string Format { get; set; }
    public string? SourceFileName { get; set; }
    public PriceSheetStatus Status { get; set; } = PriceSheetStatus.Draft;
    public DateTime? ActivatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    /// <summary>Whoever confirmed, at activation, that the prices the import warned about are right.</summary>
    public string? WarningsConfirmedBy { get; set; }
    /// <summary>The later version of the same name that superseded this one.</summary>
    public int? SupersededById { get; set; }
    public DateTime? SupersededAt { get; set; }
    /// <summary>Whether the file dated its prices; an undated sheet takes its date at activation.</summary>
    public bool IsDated { get; set; } = true;
    /// <summary>What the import left out and warned about.</summary>
    public List<PriceSheetNote> Notes { get; set; } = [];
    /// <summary>Set when activation changed prices of months already priced; cleared by the re-price job.</summary>
    public DateTime? RepriceFrom { get; set; }
    public DateTime? RepricedAt { get; set; }
    public List<TokenPrice> TokenPrices { get; set; } = [];
    public List<CapacityOffer> CapacityOffers { get; set; } = [];

    /// <summary>
    /// Whether a sheet's prices price usage, as a query asks it: an active sheet's, and a superseded one's where no later price
    /// replaces them; never a draft's.
    /// </summary>
    public static readonly Expression<Func<PriceSheet, bool>> InForce = s => s.Status != PriceSheetStatus.Draft;

    private static readonly Func<PriceSheet, bool> InForceNow = InForce.Compile();

    /// <summary>Whether its prices price usage (<see cref="InForce"/>).</summary>
    public bool IsInForce => InForceNow(this);

    public IEnumerable<string> Warnings => Notes.Where(n => n.Kind == PriceSheetNoteKind.Warning).Select(n => n.Text);

    /// <summary>
    /// Puts a draft's prices in force, or says why it cannot. An undated sheet needs <paramref name="effectiveFrom"/>; for a
    /// dated one it replaces the file's dates when given. Warnings must be confirmed.
    /// </summary>
    public string? Activate(DateTime? effectiveFrom, bool warningsConfirmed, string activatedBy, DateTime now)
    {
        if (Status != PriceSheetStatus.Draft)
        {
            return $"{Name} v{Version} is already {Status.ToString().ToLowerInvariant()}";
        }
        var warned = Warnings.Any();
        if (warned && !warningsConfirmed)
        {
            return "the sheet has warnings: confirm that its prices are right to activate it";
        }
        if (effectiveFrom is null && !IsDated)
        {
            return $"the {Format} file carries no dates: give the date its prices take effect";
        }
        if (effectiveFrom is { } date)
        {
            var utc = DateTime.SpecifyKind(date, DateTimeKind.Utc);
            TokenPrices.ForEach(p => p.EffectiveFrom = utc);
            CapacityOffers.ForEach(o => o.EffectiveFrom = utc);
        }
        EffectiveFrom = TokenPrices.Select(p => p.EffectiveFrom).Concat(CapacityOffers.Select(o => o.EffectiveFrom)).Min();
        Status = PriceSheetStatus.Active;
        ActivatedAt = now;
        ActivatedBy = activatedBy;
        WarningsConfirmedBy = warned ? activatedBy : null;
        return null;
    }

    /// <summary>Marks this sheet as replaced by a later version of its name; its prices stay in force where none replace them.</summary>
    public void SupersedeWith(PriceSheet later, DateTime now)
    {
        Status = PriceSheetStatus.Superseded;
        SupersededById = later.Id;
        SupersededAt = now;
    }
}

public enum PriceSheetStatus
{
    /// <summary>Only previewed: its prices price nothing.</summary>
    Draft,
    /// <summary>The latest version of its name in force.</summary>
    Active,
    /// <summary>A later version of its name is in force; its own prices still price what no later price replaces.</summary>
    Superseded,
}
