using CostInsights.Core.Scenarios;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>Up to four saved scenarios run on the newest forecast, for one chart and one table.</summary>
public sealed record ScenarioComparison(IReadOnlyList<(Scenario Scenario, ScenarioResult Result)> Runs)
{
    public const int Max = 4;

    public static async Task<ScenarioComparison> LoadAsync(IEnumerable<long> ids, ScenarioService scenarios, CancellationToken cancellationToken)
    {
        var baseline = await scenarios.BaselineAsync(cancellationToken);
        var runs = new List<(Scenario, ScenarioResult)>();
        if (baseline.IsEmpty)
        {
            return new ScenarioComparison(runs);
        }
        foreach (var id in ids.Distinct().Take(Max))
        {
            if (await scenarios.FindAsync(id, cancellationToken) is { } scenario)
            {
                runs.Add((scenario, await scenarios.RunAsync(baseline, ScenarioService.Deserialize(scenario.LeversJson), cancellationToken)));
            }
        }
        return new ScenarioComparison(runs);
    }

    public static readonly string[] Headers = ["scenario", "month", "baseline", "scenario_cost", "lower_80", "upper_80", "lower_95", "upper_95", "difference"];

    public IEnumerable<IReadOnlyList<object?>> Rows() => Runs.SelectMany(r => r.Result.Scenario.Select((m, i) => (IReadOnlyList<object?>)
        [r.Scenario.Name, m.Month.ToString("yyyy-MM"), Math.Round(r.Result.Baseline[i].Point, 2), Math.Round(m.Point, 2),
         Math.Round(m.Lower80, 2), Math.Round(m.Upper80, 2), Math.Round(m.Lower95, 2), Math.Round(m.Upper95, 2),
             Math.Round(m.Point - r.Result.Baseline[i].Point, 2)]));
}
