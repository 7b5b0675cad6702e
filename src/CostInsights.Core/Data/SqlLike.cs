namespace CostInsights.Core.Data;

/// <summary>LIKE patterns built from what a user typed, matched as text on both databases: its <c>%</c> and <c>_</c> are not wildcards.</summary>
public static class SqlLike
{
    /// <summary>The escape character every pattern made here uses; pass it to <c>EF.Functions.Like</c>.</summary>
    public const string EscapeCharacter = @"\";

    /// <summary>The text with LIKE's wildcards and escape character escaped.</summary>
    public static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <summary>The pattern that matches values containing <paramref name="text"/>.</summary>
    public static string Containing(string text) => $"%{Escape(text)}%";
}
