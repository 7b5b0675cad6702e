using System.Text.Json;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.PriceSheets;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Scenarios;

/// <summary>
/// The newest forecast's volumes and per-token spend per model, the base every scenario starts from, and its per-token spend
/// of the total, whose intervals the baseline's take, with the shares its run calibrated for the interval of a total.
/// </summary>
public sealed record ScenarioBaseline(DateTime? RunAt, IReadOnlyList<ModelForecast> Models, IReadOnlyList<ForecastPoint>? Total = null,
    double? TotalShare80 = null, double? TotalShare95 = null)
{
    public bool IsEmpty => Models.Count == 0;
}

/// <summary>Runs scenarios on the newest forecast at the prices in force, and keeps saved ones.</summary>
public sealed class ScenarioService(CostInsightsDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ScenarioBaseline> BaselineAsync(CancellationToken cancellationToken)
    {
        if (await db.ForecastRuns.NewestRunAtAsync(cancellationToken) is not { } runAt)
        {
            return new ScenarioBaseline(null, []);
        }
        var runs = await db.ForecastRuns.AsNoTracking().OfRun(runAt)
            .Where(r => (r.Series.StartsWith("model:") && (ForecastMeasures.Volumes.Contains(r.Measure) || r.Measure == ForecastMeasures.TokenSpend))
                || (r.Series == SeriesKeys.Total && r.Measure == ForecastMeasures.TokenSpend))
            .Select(r => new { r.Series, r.Measure, r.PointsJson, r.TotalShare80, r.TotalShare95 })
            .ToListAsync(cancellationToken);
        var totalRun = runs.FirstOrDefault(r => r.Series == SeriesKeys.Total);
        var total = totalRun is null ? null : ForecastPoint.Deserialize(totalRun.PointsJson);
        var models = runs.Where(r => r.Series != SeriesKeys.Total).GroupBy(r => r.Series).Select(g =>
        {
            var name = g.Key["model:".Length..];
            var slash = name.IndexOf('/');
            var measures = g.ToDictionary(r => r.Measure, r => ForecastPoint.Deserialize(r.PointsJson));
            IReadOnlyList<ForecastPoint> Of(string measure) => measures.GetValueOrDefault(measure) ?? [];
            var input = Of(ForecastMeasures.InputTokens);
            return new ModelForecast(new ModelRef(name[..slash], name[(slash + 1)..]), [.. input.Select((p, h) =>
            {
                Volumes At(Func<ForecastPoint, decimal> pick) => new(pick(p), Pick(Of(ForecastMeasures.OutputTokens), h, pick),
                    Pick(Of(ForecastMeasures.CachedInputTokens), h, pick), Pick(Of(ForecastMeasures.Requests), h, pick));
                var spend = Of(ForecastMeasures.TokenSpend) is { Count: > 0 } spent && h < spent.Count ? spent[h].Point : (decimal?)null;
                return new ForecastVolumes(p.Month, At(x => x.Point), At(x => x.Lower80), At(x => x.Upper80), At(x => x.Lower95), At(x => x.Upper95), spend);
            })]);
        }).OrderBy(m => m.Model.ToString(), StringComparer.Ordinal).ToList();
        return new ScenarioBaseline(runAt, models, total, totalRun?.TotalShare80, totalRun?.TotalShare95);
    }

    public async Task<ScenarioResult> RunAsync(ScenarioBaseline baseline, ScenarioLevers levers, CancellationToken cancellationToken)
    {
        var prices = await PricesInForce.LoadAsync(db, cancellationToken);
        var result = ScenarioEngine.Run(baseline.Models, levers, (model, month) => prices.TokenRatesAt(model.Provider, model.Model, month)?.Rates,
            baseline.Total);
        return result with { TotalShare80 = baseline.TotalShare80, TotalShare95 = baseline.TotalShare95 };
    }

    public async Task<IReadOnlyList<Scenario>> ListAsync(CancellationToken cancellationToken) =>
        await db.Scenarios.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);

    public Task<Scenario?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>Saves the levers under a name, replacing a scenario of that name; returns its id.</summary>
    public async Task<long> SaveAsync(string name, ScenarioLevers levers, string user, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new ArgumentException("A scenario needs a name of 1 to 200 characters.", nameof(name));
        }
        var now = time.GetUtcNow().UtcDateTime;
        var scenario = await db.Scenarios.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (scenario is null)
        {
            scenario = new Scenario { Name = name, LeversJson = "", CreatedBy = user, CreatedAt = now };
            db.Scenarios.Add(scenario);
        }
        scenario.LeversJson = Serialize(levers);
        scenario.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return scenario.Id;
    }

    public Task<int> DeleteAsync(long id, CancellationToken cancellationToken) =>
        db.Scenarios.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>A copy of a saved scenario under the first free name "NAME (copy)", "NAME (copy 2)"...; its id, or null if there is none to copy.</summary>
    public async Task<long?> CloneAsync(long id, string user, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } original)
        {
            return null;
        }
        var names = (await db.Scenarios.Select(s => s.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var name = Enumerable.Range(1, 1_000).Select(n => n == 1 ? $"{original.Name} (copy)" : $"{original.Name} (copy {n})").First(n => !names.Contains(n));
        return await SaveAsync(name[..Math.Min(200, name.Length)], Deserialize(original.LeversJson), user, cancellationToken);
    }

    public static string Serialize(ScenarioLevers levers) => JsonSerializer.Serialize(levers, Json);

    public static ScenarioLevers Deserialize(string json) => JsonSerializer.Deserialize<ScenarioLevers>(json, Json) ?? new ScenarioLevers();

    private static decimal Pick(IReadOnlyList<ForecastPoint> points, int h, Func<ForecastPoint, decimal> pick) => h < points.Count ? pick(points[h]) : 0m;
}
