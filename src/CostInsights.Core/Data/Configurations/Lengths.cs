namespace CostInsights.Core.Data.Configurations;

/// <summary>The column lengths the entity configurations share.</summary>
internal static class Lengths
{
    public const int Name = 200;
    public const int Key = 100;
    public const int Text = 2000;
}
