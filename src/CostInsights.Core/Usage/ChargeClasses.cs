namespace CostInsights.Core.Usage;

/// <summary>
/// What a billed amount is for, in the terms usage is priced in: the four token charges, or a charge of another kind named as
/// its source names it (web search, code execution). Reconciliation sets each billed class beside the same class priced.
/// </summary>
public static class ChargeClasses
{
    public const string Input = "input";
    public const string CachedInput = "cached input";
    public const string CacheWrites = "cache writes";
    public const string Output = "output";

    /// <summary>The four classes per-token prices charge, in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> Tokens = [Input, CachedInput, CacheWrites, Output];

    /// <summary>Where a class is shown: the token charges in their order, every other after them.</summary>
    public static int Rank(string charge)
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i] == charge)
            {
                return i;
            }
        }
        return Tokens.Count;
    }

    /// <summary>
    /// The class of an Anthropic cost report result from its <c>cost_type</c> and <c>token_type</c>; null when it names
    /// neither.
    /// </summary>
    public static string? FromAnthropic(string? costType, string? tokenType) => (costType, tokenType) switch
    {
        (null or "tokens", "uncached_input_tokens") => Input,
        (null or "tokens", "cache_read_input_tokens") => CachedInput,
        (null or "tokens", { } t) when t.StartsWith("cache_creation", StringComparison.Ordinal) => CacheWrites,
        (null or "tokens", "output_tokens") => Output,
        (null or "tokens", { } t) => Named(t),
        ({ } c, _) when c != "tokens" => Named(c),
        _ => null,
    };

    /// <summary>A charge of another kind, named as its source names it, short enough to show.</summary>
    public static string Named(string name)
    {
        var text = name.Replace('_', ' ').Trim();
        return text.Length <= 60 ? text : text[..60];
    }
}
