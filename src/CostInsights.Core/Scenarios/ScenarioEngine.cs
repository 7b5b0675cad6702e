using CostInsights.Core.Forecasts;
using CostInsights.Pricing;

namespace CostInsights.Core.Scenarios;

/// <summary>
/// Applies a scenario's levers to a forecast's volumes and prices each month under both the
/// baseline and the scenario. Volumes are priced at the prices in force each month, scaled as the
/// forecast scaled each model's list price (its batch discounts, tiers and fees), so that the baseline
/// is the forecast's own per-token spend; a model without a list price keeps the forecast's cost per
/// token. The baseline bills the models of today's contract, if there is one, under it. Every interval
/// bound is priced as its own set of volumes, the models taken to move together; where the forecast's
/// total spend is given, each month's bounds are then brought about their point by the factors that make
/// the per-token baseline's interval the total's own (<see cref="Spread"/>).
/// </summary>
public static class ScenarioEngine
{
    private const decimal Million = 1_000_000m;
    private static readonly ModelRef Distilled = new("in-house", "distilled");

    /// <summary>
    /// The baseline and the scenario month by month. <paramref name="total"/> is the forecast's own per-token spend of
    /// the total (the one the Forecasts page shows); without it, the intervals are those of the models moving together.
    /// </summary>
    public static ScenarioResult Run(IReadOnlyList<ModelForecast> forecast, ScenarioLevers levers, Func<ModelRef, DateTime, TokenRates?> prices,
        IReadOnlyList<ForecastPoint>? total = null)
    {
        var months = forecast.SelectMany(f => f.Months.Select(m => m.Month)).Distinct().Order().ToList();
        var calibrations = Calibrations(forecast, prices);
        var today = levers.Contract is { } contract ? new ScenarioLevers(Billing: contract) : null;
        List<ForecastPoint> Months(ScenarioLevers? volumeLevers, ScenarioLevers? priceLevers) => [.. months.Select((month, h) =>
            Cost(month, Levels(level => Price(Streams(forecast, month, h, level, volumeLevers), month, priceLevers, prices, calibrations))))];
        var baseline = Months(null, today);
        var scenario = Months(levers, levers);
        if (total is not null)
        {
            var perToken = today is null ? baseline : Months(null, null);
            var spreads = perToken.Select(m => Spread.Of(m, total.FirstOrDefault(t => t.Month == m.Month))).ToList();
            baseline = [.. baseline.Select((m, i) => spreads[i].Apply(m))];
            scenario = [.. scenario.Select((m, i) => spreads[i].Apply(m))];
        }
        return new ScenarioResult(baseline, scenario, OneTimeCost(levers, months.FirstOrDefault(), prices), levers.Routing?.QualityRetention,
            today is not null);
    }

    /// <summary>
    /// How far a month's bounds lie from its point, as a share of how far they lie when every model's volumes move together.
    /// Models seldom all miss their forecasts in the same direction at once, so the total's own forecast, which learned
    /// from the sum, strays less than the sum of its models' bounds; the scenario, the same models rearranged, is taken to
    /// stray in the same proportion. A bound that lies on its point keeps its place.
    /// </summary>
    private readonly record struct Spread(decimal Lower80, decimal Upper80, decimal Lower95, decimal Upper95)
    {
        private static readonly Spread None = new(1m, 1m, 1m, 1m);

        public static Spread Of(ForecastPoint together, ForecastPoint? total) => total is null ? None : new(
            Share(total.Lower80 - total.Point, together.Lower80 - together.Point), Share(total.Upper80 - total.Point, together.Upper80 - together.Point),
            Share(total.Lower95 - total.Point, together.Lower95 - together.Point), Share(total.Upper95 - total.Point, together.Upper95 - together.Point));

        public ForecastPoint Apply(ForecastPoint m) => m with
        {
            Lower80 = m.Point + Lower80 * (m.Lower80 - m.Point),
            Upper80 = m.Point + Upper80 * (m.Upper80 - m.Point),
            Lower95 = m.Point + Lower95 * (m.Lower95 - m.Point),
            Upper95 = m.Point + Upper95 * (m.Upper95 - m.Point),
        };

        private static decimal Share(decimal own, decimal together) => together == 0 ? 1m : own / together;
    }

    /// <summary>How the forecast priced a model in a month: its list price times a factor, or, without a list price, a cost per token.</summary>
    private readonly record struct Calibration(decimal Factor, decimal? PerToken);

    private static Dictionary<(ModelRef, DateTime), Calibration> Calibrations(
        IReadOnlyList<ModelForecast> forecast, Func<ModelRef, DateTime, TokenRates?> prices)
    {
        var calibrations = new Dictionary<(ModelRef, DateTime), Calibration>();
        foreach (var model in forecast)
        {
            foreach (var month in model.Months.Where(m => m.Spend is not null))
            {
                var spend = month.Spend!.Value;
                if (prices(model.Model, month.Month) is { } rates)
                {
                    if (ListCost(month.Point, rates) is var list and > 0)
                    {
                        calibrations[(model.Model, month.Month)] = new Calibration(spend / list, null);
                    }
                }
                else if (month.Point.Input + month.Point.Output is var tokens and > 0)
                {
                    calibrations[(model.Model, month.Month)] = new Calibration(1m, spend / tokens);
                }
            }
        }
        return calibrations;
    }

    private static decimal ListCost(Volumes v, TokenRates rates) => rates.ListCost(v.Input, v.Output, v.Cached, v.Requests);

    private static decimal[] Levels(Func<int, decimal> cost) => [.. Enumerable.Range(0, 5).Select(cost)];

    private static ForecastPoint Cost(DateTime month, decimal[] c) => new(month, c[0], c[1], c[2], c[3], c[4]);

    /// <summary>
    /// Each model's volumes in the month at one level, after the volume levers in their order, and the
    /// requests the router sees (every request of the models it routes from, before it routes them).
    /// </summary>
    private static (Dictionary<ModelRef, Volumes> Streams, decimal Routed) Streams(IReadOnlyList<ModelForecast> forecast, DateTime month, int h, int level,
        ScenarioLevers? levers)
    {
        var streams = new Dictionary<ModelRef, Volumes>();
        foreach (var model in forecast)
        {
            if (model.Months.FirstOrDefault(m => m.Month == month) is not { } volumes)
            {
                continue;
            }
            var v = volumes.At(level);
            if (levers?.Growth is { } growth && model.Months[0].At(0) is var first && first.Input + first.Output > 0)
            {
                // The month's bound keeps its ratio to the point; the point follows the overridden growth.
                var point = volumes.Point;
                var factor = Pow(1 + growth.MonthlyRate, h);
                v = new Volumes(Ratio(v.Input, point.Input) * model.Months[0].Point.Input * factor,
                    Ratio(v.Output, point.Output) * model.Months[0].Point.Output * factor,
                    Ratio(v.Cached, point.Cached) * model.Months[0].Point.Cached * factor,
                        Ratio(v.Requests, point.Requests) * model.Months[0].Point.Requests * factor);
            }
            Add(streams, model.Model, v);
        }
        if (levers is null)
        {
            return (streams, 0m);
        }
        if (levers.Switch is { } change && streams.TryGetValue(change.From, out var from))
        {
            streams[change.From] = from.Scale(1 - change.Share);
            Add(streams, change.To, from.Scale(change.Share).Tokens(change.TokenRatio));
        }
        var routed = 0m;
        if (levers.Routing is { } routing)
        {
            foreach (var key in streams.Keys.Where(k => k != routing.To && (routing.Only is null || k == routing.Only)).ToList())
            {
                routed += streams[key].Requests;
                var moved = streams[key].Scale(routing.Share);
                streams[key] = streams[key].Scale(1 - routing.Share);
                Add(streams, routing.To, moved);
            }
        }
        if (levers.Distillation is { } distil && h >= distil.RampUpMonths && streams.TryGetValue(distil.Teacher, out var teacher))
        {
            streams[distil.Teacher] = teacher.Scale(1 - distil.EligibleShare);
            Add(streams, Distilled, teacher.Scale(distil.EligibleShare));
        }
        if (levers.Caching is { } caching)
        {
            foreach (var key in streams.Keys.ToList())
            {
                var v = streams[key];
                streams[key] = v with { Cached = Math.Max(v.Cached, caching.CachedShareOfInput * v.Input) };
            }
        }
        return (streams, routed);
    }

    /// <summary>The month's cost of the streams under the pricing levers: price change, batch, billing scheme, router fees, distilled serving.</summary>
    private static decimal Price((Dictionary<ModelRef, Volumes> Streams, decimal Routed) work, DateTime month, ScenarioLevers? levers,
        Func<ModelRef, DateTime, TokenRates?> prices, Dictionary<(ModelRef, DateTime), Calibration> calibrations)
    {
        var (streams, routed) = work;
        // A ratio, not money: compounding by a fraction of a year needs a fractional power.
        var factor = levers?.Prices is { } change && month >= change.From
            ? (decimal)Math.Pow((double)(1 + change.AnnualRate), ((month.Year - change.From.Year) * 12 + month.Month - change.From.Month) / 12.0)
            : 1m;
        var total = 0m;
        var capacity = new Volumes();
        foreach (var (model, v) in streams)
        {
            if (model == Distilled)
            {
                total += levers!.Distillation!.Serving is { Capacity: { } offer } serving
                    ? Quote(v, month, offer, serving.Utilisation)
                    : (v.Input * levers.Distillation.Serving.InputPerMillion + v.Output * levers.Distillation.Serving.OutputPerMillion) / Million;
                continue;
            }
            if (levers?.Billing is { } billing && (billing.Models is null || billing.Models.Contains(model)))
            {
                capacity += v;
                continue;
            }
            var calibration = calibrations.GetValueOrDefault((model, month), new Calibration(1m, null));
            if (prices(model, month) is not { } rates)
            {
                total += calibration.PerToken is { } perToken ? (v.Input + v.Output) * perToken * factor : 0m;
                continue;
            }
            var fees = v.Requests * (rates.PerRequestFee ?? 0m);
            var tokens = (ListCost(v, rates) - fees) * factor;
            if (levers?.Batch is { } batch)
            {
                tokens -= tokens * batch.Share * (rates.BatchDiscountPercent ?? batch.DefaultDiscountPercent) / 100m;
            }
            total += (tokens + fees) * calibration.Factor;
        }
        if (levers?.Billing is { } lever && capacity.Input + capacity.Output > 0)
        {
            total += Quote(capacity, month, lever.Offer, lever.Utilisation);
        }
        if (levers?.Routing is { } routing)
        {
            total += routed * routing.RouterCostPerRequest;
        }
        return total;
    }

    private static decimal OneTimeCost(ScenarioLevers levers, DateTime firstMonth, Func<ModelRef, DateTime, TokenRates?> prices)
    {
        if (levers.Distillation is not { } distil)
        {
            return 0m;
        }
        var teacher = prices(distil.Teacher, firstMonth)?.Base;
        var trainingSet = teacher is null ? 0m : (distil.TeacherInputTokens * teacher.Input + distil.TeacherOutputTokens * teacher.Output) / Million;
        return trainingSet + distil.TrainingGpuHours * distil.GpuHourRate + distil.EvaluationCost;
    }

    private static decimal Quote(Volumes v, DateTime month, CapacityTerms offer, decimal utilisation) =>
        CapacityConversion.Quote((long)v.Input, (long)v.Output, DateTime.DaysInMonth(month.Year, month.Month) * 24m, utilisation, offer).ComputeTimeCost;

    private static void Add(Dictionary<ModelRef, Volumes> streams, ModelRef model, Volumes v) =>
        streams[model] = streams.TryGetValue(model, out var existing) ? existing + v : v;

    private static decimal Ratio(decimal bound, decimal point) => point == 0 ? 1m : bound / point;

    private static decimal Pow(decimal x, int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= x;
        }
        return result;
    }
}
