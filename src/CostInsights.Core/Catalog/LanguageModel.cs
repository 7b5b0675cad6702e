namespace CostInsights.Core.Catalog;

/// <summary>A model as its provider names it, with an optional equivalent at other providers.</summary>
public sealed class LanguageModel
{
    public int Id { get; set; }
    public required string Provider { get; set; }
    public required string Name { get; set; }
    public string? Family { get; set; }
    public string? SizeClass { get; set; }
    /// <summary>Another model (<c>provider/name</c>) that can serve the same traffic.</summary>
    public string? EquivalentTo { get; set; }
}
