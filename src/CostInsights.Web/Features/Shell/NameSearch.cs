namespace CostInsights.Web.Features.Shell;

/// <summary>How a field that finds things by name matches what was typed: any part of the name, in any case.</summary>
public static class NameSearch
{
    /// <summary>Whether the name holds the text, ignoring case and the text's outer spaces; every name matches no text.</summary>
    public static bool Matches(string name, string? text) =>
        string.IsNullOrWhiteSpace(text) || name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase);
}
