namespace CostInsights.Core.Data;

/// <summary>An ASP.NET Core data-protection key, kept in the database so that every node shares it.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
