namespace CostInsights.Core.PriceSheets;

/// <summary>Something the import of a sheet's file left out or warned about, kept with the sheet for its preview.</summary>
public sealed class PriceSheetNote
{
    /// <summary>The longest text a note keeps.</summary>
    public const int MaxLength = 2000;

    public long Id { get; set; }
    public int PriceSheetId { get; set; }
    public PriceSheetNoteKind Kind { get; set; }
    /// <summary>The warning, or the reason entries were left out.</summary>
    public required string Text { get; set; }
    /// <summary>How many of the file's entries were left out for this reason; null for a warning.</summary>
    public int? Entries { get; set; }
}

public enum PriceSheetNoteKind
{
    /// <summary>A price that looks wrong, or an entry left out as unreadable: activation asks for it to be confirmed.</summary>
    Warning,
    /// <summary>Entries of the file that price nothing the product bills (images, audio, fine-tuning).</summary>
    Skipped,
}
