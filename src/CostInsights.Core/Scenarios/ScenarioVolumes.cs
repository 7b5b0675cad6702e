namespace CostInsights.Core.Scenarios;

/// <summary>One model's volumes in one month.</summary>
public readonly record struct Volumes(decimal Input, decimal Output, decimal Cached, decimal Requests)
{
    public Volumes Scale(decimal share) => new(Input * share, Output * share, Cached * share, Requests * share);

    public Volumes Tokens(decimal ratio) => this with { Input = Input * ratio, Output = Output * ratio, Cached = Cached * ratio };

    public static Volumes operator +(Volumes a, Volumes b) => new(a.Input + b.Input, a.Output + b.Output, a.Cached + b.Cached, a.Requests + b.Requests);
}

/// <summary>
/// A forecast month of one model: the point and the 80% and 95% bounds of its volumes, and the per-token
/// spend the forecast gave the point (its list price scaled by the model's discounts), when known.
/// </summary>
public sealed record ForecastVolumes(DateTime Month, Volumes Point, Volumes Lower80, Volumes Upper80, Volumes Lower95, Volumes Upper95, decimal? Spend = null)
{
    public Volumes At(int level) => level switch { 0 => Point, 1 => Lower80, 2 => Upper80, 3 => Lower95, _ => Upper95 };
}

/// <summary>A model's forecast, month by month from the first forecast month.</summary>
public sealed record ModelForecast(ModelRef Model, IReadOnlyList<ForecastVolumes> Months);
