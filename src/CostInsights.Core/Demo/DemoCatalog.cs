using CostInsights.Core.PriceSheets;

namespace CostInsights.Core.Demo;

/// <summary>The demo company: its providers, models, price history and teams.</summary>
internal static class DemoCatalog
{
    public sealed record DemoModel(string Provider, string Name, string Family, string SizeClass, decimal Input, decimal Output, decimal Cached,
        decimal TokensPerSecondIn, decimal TokensPerSecondOut, decimal UnitHourRate, CapacityUnitKind UnitKind);

    public static readonly DemoModel[] Models =
    [
        new("openai", "gpt-4o", "gpt-4o", "large", 5.00m, 15.00m, 2.50m, 12_000m, 90m, 4.00m, CapacityUnitKind.Ptu),
        new("openai", "gpt-4o-mini", "gpt-4o", "small", 0.15m, 0.60m, 0.075m, 30_000m, 220m, 1.10m, CapacityUnitKind.Ptu),
        new("openai", "gpt-4.1", "gpt-4.1", "large", 2.00m, 8.00m, 0.50m, 14_000m, 110m, 3.60m, CapacityUnitKind.Ptu),
        new("anthropic", "claude-sonnet-4", "claude", "large", 3.00m, 15.00m, 0.30m, 10_000m, 80m, 3.20m, CapacityUnitKind.ProvisionedModelUnit),
        new("anthropic", "claude-3-5-haiku", "claude", "small", 0.80m, 4.00m, 0.08m, 25_000m, 180m, 1.40m, CapacityUnitKind.ProvisionedModelUnit),
        new("google", "gemini-2.0-flash", "gemini", "small", 0.10m, 0.40m, 0.025m, 40_000m, 250m, 0.90m, CapacityUnitKind.ProvisionedModelUnit),
        new("self-hosted", "llama-3.1-8b", "llama", "small", 0.05m, 0.08m, 0.05m, 20_000m, 150m, 2.20m, CapacityUnitKind.GpuHour),
    ];

    /// <summary>The month (from the first demo month) in which gpt-4o's price is cut.</summary>
    public const int PriceCutMonth = 9;
    /// <summary>The month in which gpt-4.1 launches and starts taking gpt-4o's traffic.</summary>
    public const int LaunchMonth = 14;

    public const decimal CutInput = 2.50m;
    public const decimal CutOutput = 10.00m;
    public const decimal CutCached = 1.25m;

    /// <summary>A team's traffic: requests a weekday at the start, monthly growth, size scale and cached share per model.</summary>
    public sealed record DemoWorkload(string Team, string Provider, string Model, double RequestsPerDay, double MonthlyGrowth,
        double SizeScale, double CachedShare, bool IsBatch = false);

    public static readonly DemoWorkload[] Workloads =
    [
        new("support", "openai", "gpt-4o-mini", 90_000, 0.05, 1.0, 0.35),
        new("support", "anthropic", "claude-3-5-haiku", 40_000, 0.06, 1.2, 0.30),
        new("support", "self-hosted", "llama-3.1-8b", 60_000, 0.04, 0.8, 0.0),
        new("search", "google", "gemini-2.0-flash", 200_000, 0.07, 1.5, 0.10),
        new("search", "openai", "gpt-4o", 15_000, 0.05, 1.6, 0.20),
        new("sales-assist", "anthropic", "claude-sonnet-4", 18_000, 0.08, 1.3, 0.40),
        new("platform", "openai", "gpt-4o", 25_000, 0.06, 1.1, 0.25),
        new("data-science", "openai", "gpt-4o-mini", 50_000, 0.03, 2.0, 0.05, IsBatch: true),
        new("data-science", "anthropic", "claude-sonnet-4", 4_000, 0.05, 2.5, 0.15),
    ];
}
