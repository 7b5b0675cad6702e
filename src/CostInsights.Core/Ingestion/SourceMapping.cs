namespace CostInsights.Core.Ingestion;

/// <summary>
/// How a source's CSV columns become usage fields, saved by name so each upload from that source
/// reads the same way: <c>field=column</c> lines, and <c>field=value</c> constants for fields the
/// source lacks.
/// </summary>
public sealed class SourceMapping
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Columns { get; set; }
    public required string Constants { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}
