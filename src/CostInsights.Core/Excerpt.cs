namespace CostInsights.Core;

/// <summary>A value from a file or a user, cut short for a message, so that a hostile megabyte cannot fill a page or the log.</summary>
internal static class Excerpt
{
    /// <summary>The text itself up to <paramref name="length"/> characters, else its first <paramref name="length"/> and an ellipsis.</summary>
    public static string Of(string text, int length = 80) => text.Length <= length ? text : text[..length] + "…";
}
