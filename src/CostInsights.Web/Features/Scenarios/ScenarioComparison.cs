using CostInsights.Core.Scenarios;
using CostInsights.Web.Features.Exports;

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

    public static readonly string[] TotalHeaders =
        ["scenario", "first_month", "last_month", "months", "total", "lower_80", "upper_80", "saving", "saving_lower_80", "saving_upper_80",
         "one_time_cost", "payback_month"];

    /// <summary>Each scenario's months beside the baseline's, in dollars.</summary>
    public IEnumerable<IReadOnlyList<object?>> Rows() => Runs.SelectMany(r => r.Result.Scenario.Select((m, i) => (IReadOnlyList<object?>)
        [r.Scenario.Name, new MonthCell(m.Month), Usd(r.Result.Baseline[i].Point), Usd(m.Point), Usd(m.Lower80), Usd(m.Upper80), Usd(m.Lower95),
            Usd(m.Upper95), Usd(m.Point - r.Result.Baseline[i].Point)]));

    /// <summary>
    /// The totals over the months, as the page's Totals table gives them: the baseline's first, then each scenario's with its saving, the
    /// saving's own 80% interval, its one-time cost and the month it pays back in.
    /// </summary>
    public IEnumerable<IReadOnlyList<object?>> TotalRows()
    {
        if (Runs.Count == 0)
        {
            yield break;
        }
        var baseline = Runs[0].Result;
        var (first, last) = (new MonthCell(baseline.Baseline[0].Month), new MonthCell(baseline.Baseline[^1].Month));
        yield return ["Baseline", first, last, baseline.Baseline.Count, Usd(baseline.BaselineTotal), Usd(baseline.BaselineRange.Lower80),
            Usd(baseline.BaselineRange.Upper80), null, null, null, null, null];
        foreach (var (scenario, result) in Runs)
        {
            yield return [scenario.Name, first, last, result.Scenario.Count, Usd(result.ScenarioTotal), Usd(result.ScenarioRange.Lower80),
                Usd(result.ScenarioRange.Upper80), Usd(result.Saving), Usd(result.SavingRange.Lower80), Usd(result.SavingRange.Upper80),
                Usd(result.OneTimeCost), result.PaybackMonth is { } payback ? new MonthCell(payback) : null];
        }
    }

    private static UsdCell? Usd(decimal? amount) => amount is { } a ? new UsdCell(Math.Round(a, 2)) : null;
}
