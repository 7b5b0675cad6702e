using CostInsights.Forecasting;

namespace CostInsights.Core.Forecasts;

/// <summary>
/// The total of a forecast's months, and its 80% and 95% intervals where its run calibrated them. The months' intervals do not
/// add up to the total's: a month forecast too high and another too low partly offset. So each bound reaches from the total
/// by a share of the months' reaches added up, the share the run's backtests found that the totals of their months needed, and
/// never less than independent months' errors would reach (<see cref="Forecast.TotalReach"/>).
/// </summary>
public sealed record ForecastTotal(decimal Point, decimal? Lower80, decimal? Upper80, decimal? Lower95, decimal? Upper95)
{
    public bool HasIntervals => Lower80 is not null && Lower95 is not null;

    /// <summary>The total with a known amount added, its bounds moved with it (a one-time cost, which has no uncertainty of its own).</summary>
    public ForecastTotal Plus(decimal amount) =>
        new(Point + amount, Lower80 + amount, Upper80 + amount, Lower95 + amount, Upper95 + amount);

    /// <summary>
    /// The total of <paramref name="points"/> with the intervals that <paramref name="share80"/> and <paramref name="share95"/> give it.
    /// A lower bound stops at <paramref name="floor"/> (a cost cannot fall below nothing); a null floor lets it fall anywhere (a saving can be a loss).
    /// </summary>
    public static ForecastTotal Of(IReadOnlyList<ForecastPoint> points, double? share80, double? share95, decimal? floor = 0m)
    {
        var total = points.Sum(p => p.Point);
        (decimal?, decimal?) Bounds(double? share, Func<ForecastPoint, decimal> lower, Func<ForecastPoint, decimal> upper)
        {
            if (share is not { } s || !double.IsFinite(s) || s < 0)
            {
                return (null, null);
            }
            decimal Reach(Func<ForecastPoint, decimal> side) => Math.Round((decimal)Forecast.TotalReach(s, points.Select(p => (double)side(p))), 6);
            var low = total - Reach(p => p.Point - lower(p));
            return (floor is { } f ? Math.Max(f, low) : low, total + Reach(p => upper(p) - p.Point));
        }
        var (lower80, upper80) = Bounds(share80, p => p.Lower80, p => p.Upper80);
        var (lower95, upper95) = Bounds(share95, p => p.Lower95, p => p.Upper95);
        return new ForecastTotal(total, lower80, upper80, lower95, upper95);
    }
}
