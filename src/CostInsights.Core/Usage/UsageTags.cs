using CostInsights.Core.Data;

namespace CostInsights.Core.Usage;

/// <summary>
/// A record's tags, stored as <c>,a,b=c,</c> so that a filter can match one tag whole with
/// <c>LIKE '%,tag,%'</c>. Tags are trimmed and commas inside a tag become semicolons.
/// </summary>
public static class UsageTags
{
    public const int MaxLength = 2000;

    /// <summary>The stored form of these tags, or null when there are none.</summary>
    public static string? Join(IEnumerable<string?> tags)
    {
        var clean = tags.Select(Clean).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (clean.Count == 0)
        {
            return null;
        }
        var joined = $",{string.Join(',', clean)},";
        // Cut at a tag boundary, never in the middle of one.
        return joined.Length <= MaxLength ? joined : joined[..(joined.LastIndexOf(',', MaxLength - 1) + 1)];
    }

    /// <summary>A tag as written by a user (<c>env=prod</c> or <c>beta</c>) in the form it is stored and matched in.</summary>
    public static string Clean(string? tag) => (tag ?? "").Trim().Replace(',', ';');

    /// <summary>The tags of a stored value.</summary>
    public static IReadOnlyList<string> Split(string? stored) =>
        stored is null ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The LIKE pattern, with <see cref="SqlLike.EscapeCharacter"/> as its escape character, that matches records carrying this tag.</summary>
    public static string Pattern(string tag) => $"%,{SqlLike.Escape(Clean(tag))},%";
}
