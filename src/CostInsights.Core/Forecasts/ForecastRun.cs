namespace CostInsights.Core.Forecasts;

/// <summary>One forecast of one series: the method, its backtest accuracy and the months ahead.</summary>
public sealed class ForecastRun
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Which series, for example <c>total</c>, <c>provider:openai</c> or <c>team:support</c>.</summary>
    public required string Series { get; set; }
    public required string Measure { get; set; }
    public required string Method { get; set; }
    public string? MethodReason { get; set; }
    public double? BacktestMape { get; set; }
    public DateTime FirstMonth { get; set; }
    public int HorizonMonths { get; set; }
    /// <summary>Points and 80%/95% bounds per month, as JSON.</summary>
    public required string PointsJson { get; set; }

    /// <summary>
    /// The share of the months' 80% interval reaches, added up, that the 80% interval of their total needs, as the run's
    /// backtests calibrated it (see <see cref="ForecastTotal"/>); null where none was: a history too short to calibrate, a run
    /// with too few backtests to say, or a run stored before totals had intervals.
    /// </summary>
    public double? TotalShare80 { get; set; }

    /// <summary>As <see cref="TotalShare80"/>, at 95%.</summary>
    public double? TotalShare95 { get; set; }
}
