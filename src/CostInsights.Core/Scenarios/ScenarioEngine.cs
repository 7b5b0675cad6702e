using CostInsights.Core.Pricing;

namespace CostInsights.Core.Scenarios;

/// <summary>One model's volumes in one month.</summary>
public readonly record struct Volumes(decimal Input, decimal Output, decimal Cached, decimal Requests)
{
    public Volumes Scale(decimal share) => new(Input * share, Output * share, Cached * share, Requests * share);

    public Volumes Tokens(decimal ratio) => this with { Input = Input * ratio, Output = Output * ratio, Cached = Cached * ratio };

    public static Volumes operator +(Volumes a, Volumes b) => new(a.Input + b.Input, a.Output + b.Output, a.Cached + b.Cached, a.Requests + b.Requests);
}

/// <summary>A forecast month of one model: the point and the 80% and 95% bounds of its volumes.</summary>
public sealed record ForecastVolumes(DateTime Month, Volumes Point, Volumes Lower80, Volumes Upper80, Volumes Lower95, Volumes Upper95)
{
    public Volumes At(int level) => level switch { 0 => Point, 1 => Lower80, 2 => Upper80, 3 => Lower95, _ => Upper95 };
}

/// <summary>A model's forecast, month by month from the first forecast month.</summary>
public sealed record ModelForecast(ModelRef Model, IReadOnlyList<ForecastVolumes> Months);

/// <summary>A month's cost: the point and its 80% and 95% bounds.</summary>
public sealed record CostMonth(DateTime Month, decimal Point, decimal Lower80, decimal Upper80, decimal Lower95, decimal Upper95);

/// <summary>A scenario's months beside the baseline's, its one-time cost, and what it saves.</summary>
public sealed record ScenarioResult(IReadOnlyList<CostMonth> Baseline, IReadOnlyList<CostMonth> Scenario, decimal OneTimeCost, decimal? QualityRetention)
{
    public decimal BaselineTotal => Baseline.Sum(m => m.Point);

    public decimal ScenarioTotal => Scenario.Sum(m => m.Point) + OneTimeCost;

    /// <summary>Baseline minus scenario over the period, the one-time cost included: positive when the scenario saves.</summary>
    public decimal Saving => BaselineTotal - ScenarioTotal;

    /// <summary>The first month whose cumulative saving covers the one-time cost; null if none within the period.</summary>
    public DateTime? PaybackMonth
    {
        get
        {
            var cumulative = -OneTimeCost;
            for (var i = 0; i < Baseline.Count; i++)
            {
                cumulative += Baseline[i].Point - Scenario[i].Point;
                if (cumulative >= 0 && (OneTimeCost > 0 || Baseline[i].Point > Scenario[i].Point))
                {
                    return Baseline[i].Month;
                }
            }
            return null;
        }
    }
}

/// <summary>
/// Applies a scenario's levers to a forecast's volumes and prices each month under both the
/// baseline and the scenario. Volumes are priced at list prices (the prices in force each month);
/// every interval bound is priced as its own set of volumes, the models taken to move together.
/// </summary>
public static class ScenarioEngine
{
    private const decimal Million = 1_000_000m;
    private static readonly ModelRef Distilled = new("in-house", "distilled");

    public static ScenarioResult Run(IReadOnlyList<ModelForecast> forecast, ScenarioLevers levers, Func<ModelRef, DateTime, TokenRates?> prices)
    {
        var months = forecast.SelectMany(f => f.Months.Select(m => m.Month)).Distinct().Order().ToList();
        var baseline = months.Select((month, h) => Cost(month, Levels(level => Price(Streams(forecast, month, h, level, null), month, null, prices)))).ToList();
        var scenario = months.Select((month, h) => Cost(month, Levels(level => Price(Streams(forecast, month, h, level, levers), month, levers, prices)))).ToList();
        return new ScenarioResult(baseline, scenario, OneTimeCost(levers, months.FirstOrDefault(), prices), levers.Routing?.QualityRetention);
    }

    private static decimal[] Levels(Func<int, decimal> cost) => [.. Enumerable.Range(0, 5).Select(cost)];

    private static CostMonth Cost(DateTime month, decimal[] c) => new(month, c[0], c[1], c[2], c[3], c[4]);

    /// <summary>
    /// Each model's volumes in the month at one level, after the volume levers in their order, and the
    /// requests the router sees (every request of the models it routes from, before it routes them).
    /// </summary>
    private static (Dictionary<ModelRef, Volumes> Streams, decimal Routed) Streams(IReadOnlyList<ModelForecast> forecast, DateTime month, int h, int level, ScenarioLevers? levers)
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
                v = new Volumes(Ratio(v.Input, point.Input) * model.Months[0].Point.Input * factor, Ratio(v.Output, point.Output) * model.Months[0].Point.Output * factor,
                    Ratio(v.Cached, point.Cached) * model.Months[0].Point.Cached * factor, Ratio(v.Requests, point.Requests) * model.Months[0].Point.Requests * factor);
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
    private static decimal Price((Dictionary<ModelRef, Volumes> Streams, decimal Routed) work, DateTime month, ScenarioLevers? levers, Func<ModelRef, DateTime, TokenRates?> prices)
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
            if (prices(model, month) is not { } rates)
            {
                continue;
            }
            var card = rates.Base;
            var tokens = ((v.Input - v.Cached) * card.Input + v.Cached * card.CachedInputOrInput + v.Output * card.Output) / Million * factor;
            if (levers?.Batch is { } batch)
            {
                tokens -= tokens * batch.Share * (rates.BatchDiscountPercent ?? batch.DefaultDiscountPercent) / 100m;
            }
            total += tokens + v.Requests * (rates.PerRequestFee ?? 0m);
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
