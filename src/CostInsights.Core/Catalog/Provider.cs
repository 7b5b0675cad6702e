namespace CostInsights.Core.Catalog;

/// <summary>A seller of model capacity: <c>openai</c>, <c>anthropic</c>, <c>bedrock</c>, <c>self-hosted</c>...</summary>
public sealed class Provider
{
    public required string Id { get; set; }
    public required string DisplayName { get; set; }
}
