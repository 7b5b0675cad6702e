using System.ComponentModel.DataAnnotations;

namespace CostInsights.Core.Forecasts;

/// <summary>The <c>Forecasts</c> configuration section.</summary>
public sealed class ForecastOptions
{
    public const string Section = "Forecasts";

    /// <summary>Months forecast ahead, from the current month.</summary>
    [Range(1, 18)]
    public int HorizonMonths { get; set; } = 12;

    /// <summary>Months of history a run reads at most.</summary>
    [Range(3, 120)]
    public int HistoryMonths { get; set; } = 36;
}
