namespace CostInsights.Web.Features.Ingestion;

/// <summary>A column mapping as typed on the Ingestion page.</summary>
public sealed class MappingInput
{
    public string? Name { get; set; }
    public string? Columns { get; set; }
    public string? Constants { get; set; }
}
