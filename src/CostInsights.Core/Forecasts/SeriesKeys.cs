namespace CostInsights.Core.Forecasts;

/// <summary>
/// Names of the series a forecast run forecasts: the total, and each provider, model, team and
/// provider × team. The parts of each dimension add up to the total.
/// </summary>
public static class SeriesKeys
{
    public const string Total = "total";

    public static readonly IReadOnlyList<string> Dimensions = ["provider", "model", "team", "provider-team"];

    public static string Provider(string provider) => $"provider:{provider}";

    public static string Model(string provider, string model) => $"model:{provider}/{model}";

    public static string Team(string team) => $"team:{team}";

    public static string ProviderTeam(string provider, string team) => $"provider-team:{provider}/{team}";

    /// <summary>The dimension a series belongs to: <c>total</c>, <c>provider</c>, <c>model</c>, <c>team</c> or <c>provider-team</c>.</summary>
    public static string DimensionOf(string series) => series == Total ? Total : series[..Math.Max(0, series.IndexOf(':'))];

    /// <summary>The series in words, for a page.</summary>
    public static string Describe(string series)
    {
        var colon = series.IndexOf(':');
        if (colon < 0)
        {
            return "All spend";
        }
        var value = series[(colon + 1)..];
        return DimensionOf(series) switch
        {
            "provider" => $"Provider {value}",
            "model" => $"Model {value}",
            "team" => $"Team {value}",
            "provider-team" => $"{value[..value.IndexOf('/')]} for team {value[(value.IndexOf('/') + 1)..]}",
            _ => series,
        };
    }
}

/// <summary>What a forecast run forecasts for each series: four volumes, and the spend they imply.</summary>
public static class ForecastMeasures
{
    public const string InputTokens = "input-tokens";
    public const string OutputTokens = "output-tokens";
    public const string CachedInputTokens = "cached-input-tokens";
    public const string Requests = "requests";
    public const string TokenSpend = "token-spend";
    public const string ComputeSpend = "compute-spend";

    public static readonly IReadOnlyList<string> Volumes = [InputTokens, OutputTokens, CachedInputTokens, Requests];

    public static readonly IReadOnlyList<string> All = [.. Volumes, TokenSpend, ComputeSpend];

    public static string Describe(string measure) => measure switch
    {
        InputTokens => "Input tokens",
        OutputTokens => "Output tokens",
        CachedInputTokens => "Cached input tokens",
        Requests => "Requests",
        TokenSpend => "Spend under per-token billing (USD)",
        ComputeSpend => "Spend under compute-time billing (USD)",
        _ => measure,
    };

    public static bool IsMoney(string measure) => measure is TokenSpend or ComputeSpend;
}
