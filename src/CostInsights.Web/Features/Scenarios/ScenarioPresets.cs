using CostInsights.Core.PriceSheets;
using CostInsights.Core.Pricing;
using CostInsights.Core.Scenarios;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>The team that spends most, its main model, and its share of that model's tokens.</summary>
public sealed record TeamUse(string Team, ModelRef Model, decimal Share);

/// <summary>One-click scenarios built from the data at hand: the costliest model, a cheaper one, another provider's, the biggest team, a capacity offer.</summary>
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

    /// <summary>The preset's levers, or null when the data lacks what it needs (for example, no capacity offer).</summary>
    public static ScenarioLevers? Levers(string preset, ScenarioBaseline baseline, IReadOnlyList<CapacityOffer> offers, Func<ModelRef, DateTime, TokenRates?> prices, TeamUse? team)
    {
        if (baseline.IsEmpty)
        {
            return null;
        }
        var first = baseline.Models[0].Months[0].Month;
        decimal Rate(ModelRef m) => prices(m, first) is { } r ? r.Base.Input + r.Base.Output : decimal.MaxValue;
        decimal Spend(ModelForecast f) => prices(f.Model, first) is { } r ? f.Months.Sum(m => m.Point.Input * r.Base.Input + m.Point.Output * r.Base.Output) : 0m;
        var costliest = baseline.Models.MaxBy(Spend)!.Model;
        var cheaper = baseline.Models.Select(m => m.Model).Where(m => m != costliest && Rate(m) < Rate(costliest)).MinBy(Rate);
        // The other provider's model priced closest to the team's main model: its equivalent.
        var elsewhere = team is null ? null : baseline.Models.Select(m => m.Model).Where(m => m.Provider != team.Model.Provider && Rate(m) < decimal.MaxValue)
            .MinBy(m => Math.Abs(Rate(m) - Rate(team.Model)));
        var offer = offers.FirstOrDefault();
        return preset switch
        {
            PerToken when offer is not null => new ScenarioLevers(
                Routing: cheaper is null ? null : new RoutingLever(cheaper, 0.4m, 0.00005m, 0.97m),
                Distillation: Distillation(costliest)),
            Route when cheaper is not null => new ScenarioLevers(Routing: new RoutingLever(cheaper, 0.4m, 0.00005m, 0.97m)),
            Distil => new ScenarioLevers(Distillation: Distillation(costliest)),
            Move when elsewhere is not null => new ScenarioLevers(Switch: new ProviderSwitchLever(team!.Model, elsewhere, team.Share, 1.1m)),
            _ => null,
        };
    }

    /// <summary>
    /// For the per-token preset: next year under the compute-time contract, per token, and per token with
    /// routing and distillation, in one sentence.
    /// </summary>
    public static string? PerTokenSentence(ScenarioBaseline baseline, ScenarioLevers winBack, CapacityOffer offer, Func<ModelRef, DateTime, TokenRates?> prices)
    {
        var contract = ScenarioEngine.Run(baseline.Models,
            new ScenarioLevers(Billing: new BillingLever(offer.ToTerms(), 0.7m, [new ModelRef(offer.Provider, offer.Model)])), prices);
        var recovered = ScenarioEngine.Run(baseline.Models, winBack, prices);
        var perToken = contract.BaselineTotal;
        var switchCost = perToken - contract.ScenarioTotal;
        var won = recovered.Saving;
        return $"Moving {offer.Provider}/{offer.Model} from its compute-time contract (at 70% utilisation) to per-token billing "
            + $"{(switchCost >= 0 ? "costs" : "saves")} {Shell.Money.Usd(Math.Round(Math.Abs(switchCost), 2))} over the next {contract.Baseline.Count} months; "
            + $"routing and distillation below win back {Shell.Money.Usd(Math.Round(won, 2))}"
            + (switchCost > 0 ? $" ({won / switchCost:0%} of it)." : ".");
    }

    private static DistillationLever Distillation(ModelRef teacher) =>
        new(teacher, 0.6m, 2, 500_000_000, 100_000_000, 400m, 4m, 2_000m, new DistilledServing(0.1m, 0.4m));
}
