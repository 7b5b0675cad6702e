using CostInsights.Core.PriceSheets;
using CostInsights.Core.Scenarios;
using CostInsights.Pricing;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>The team that spends most, its main model, and its share of that model's tokens.</summary>
public sealed record TeamUse(string Team, ModelRef Model, decimal Share);

/// <summary>One-click scenarios built from the data at hand: the costliest model, a cheaper one, another provider's, the biggest team, a capacity
/// offer.</summary>
public static class ScenarioPresets
{
    public const string PerToken = "per-token";
    public const string Route = "route";
    public const string Distil = "distil";
    public const string Move = "move";

    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        (PerToken, "Our compute-time contract becomes per-token next year"),
        (Route, "Route 40% of requests to a smaller model"),
        (Distil, "Distil an in-house model for the costliest workload"),
        (Move, "Move one team to another provider"),
    ];

    /// <summary>The preset's levers, or null when the data lacks what it needs (for example, no capacity offer for a forecast model).</summary>
    public static ScenarioLevers? Levers(
        string preset, ScenarioBaseline baseline, IReadOnlyList<CapacityOffer> offers, Func<ModelRef, DateTime, TokenRates?> prices, TeamUse? team)
    {
        if (baseline.IsEmpty)
        {
            return null;
        }
        var first = baseline.Models[0].Months[0].Month;
        decimal Rate(ModelRef m) => prices(m, first) is { } r ? r.Base.Input + r.Base.Output : decimal.MaxValue;
        decimal Spend(ModelForecast f) => prices(f.Model, first) is { } r
            ? f.Months.Sum(m => m.Point.Input * r.Base.Input + m.Point.Output * r.Base.Output) : 0m;
        ModelRef? CheaperThan(ModelRef model) => baseline.Models.Select(m => m.Model).Where(m => m != model && Rate(m) < Rate(model)).MinBy(Rate);
        var costliest = baseline.Models.MaxBy(Spend)!.Model;
        var cheaper = CheaperThan(costliest);
        // The other provider's model priced closest to the team's main model: its equivalent.
        var elsewhere = team is null ? null : baseline.Models.Select(m => m.Model).Where(m => m.Provider != team.Model.Provider && Rate(m) < decimal.MaxValue)
            .MinBy(m => Math.Abs(Rate(m) - Rate(team.Model)));
        return preset switch
        {
            PerToken when Contract(baseline, offers, prices) is { } contract => PerTokenLevers(contract, CheaperThan(contract.Models![0])),
            Route when cheaper is not null => new ScenarioLevers(Routing: new RoutingLever(cheaper, 0.4m, 0.00005m, 0.97m)),
            Distil => new ScenarioLevers(Distillation: Distillation(costliest)),
            Move when elsewhere is not null => new ScenarioLevers(Switch: new ProviderSwitchLever(team!.Model, elsewhere, team.Share, 1.1m)),
            _ => null,
        };
    }

    /// <summary>
    /// Today's contract: the capacity offer of the forecast model that spends most per token, at 70% utilisation.
    /// Null when no offer is for a forecast model.
    /// </summary>
    public static BillingLever? Contract(ScenarioBaseline baseline, IReadOnlyList<CapacityOffer> offers, Func<ModelRef, DateTime, TokenRates?> prices)
    {
        var contracted = offers
            .Select(o => (Offer: o, Forecast: baseline.Models.FirstOrDefault(m => m.Model == new ModelRef(o.Provider, o.Model))))
            .Where(o => o.Forecast is not null)
            .MaxBy(o => ScenarioEngine.Run([o.Forecast!], new ScenarioLevers(), prices).BaselineTotal);
        return contracted.Offer is null ? null : new BillingLever(contracted.Offer.ToTerms(), 0.7m, [contracted.Forecast!.Model]);
    }

    /// <summary>
    /// For the per-token preset: what ending the contract costs over the forecast months, and what routing
    /// and distillation win back, in one sentence.
    /// </summary>
    public static string PerTokenSentence(ScenarioBaseline baseline, ScenarioLevers levers, Func<ModelRef, DateTime, TokenRates?> prices)
    {
        var contract = levers.Contract!;
        var ended = ScenarioEngine.Run(baseline.Models, new ScenarioLevers(Contract: contract), prices);
        var recovered = ScenarioEngine.Run(baseline.Models, levers, prices);
        var switchCost = -ended.Saving;
        var won = ended.ScenarioTotal - recovered.ScenarioTotal;
        return $"Today {contract.Models![0]} is billed under its compute-time contract (the baseline, at {contract.Utilisation:0%} utilisation). "
            + $"Billed per token instead, the next {ended.Baseline.Count} months {(switchCost >= 0 ? "cost" : "save")} "
            + $"{Shell.Money.Usd(Math.Round(Math.Abs(switchCost), 2))}{(switchCost >= 0 ? " more" : "")}; "
            + $"routing and distillation below win back {Shell.Money.Usd(Math.Round(won, 2))}"
            + (switchCost > 0 ? $" ({won / switchCost:0%} of it)." : ".");
    }

    private static ScenarioLevers PerTokenLevers(BillingLever contract, ModelRef? cheaper) => new(
        Routing: cheaper is null ? null : new RoutingLever(cheaper, 0.4m, 0.00005m, 0.97m, contract.Models![0]),
        Distillation: Distillation(contract.Models![0]),
        Contract: contract);

    private static DistillationLever Distillation(ModelRef teacher) =>
        new(teacher, 0.6m, 2, 500_000_000, 100_000_000, 400m, 4m, 2_000m, new DistilledServing(0.1m, 0.4m));
}
