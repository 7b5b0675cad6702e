using CostInsights.Core.Forecasts;
using CostInsights.Core.Scenarios;
using CostInsights.Pricing;

namespace CostInsights.Core.Tests.Scenarios;

/// <summary>
/// One model, openai/big at $10 / $30 per 1M (cached input $2.50), forecast at 10M input and 2M
/// output tokens and 1,000 requests a month, bounds at 0.8×/1.2× (80%) and 0.5×/1.5× (95%):
/// $160 a month (10 × $10 + 2 × $30). The cheaper model other/small is $1 / $2 per 1M.
/// </summary>
public sealed class ScenarioEngineTests
{
    private static readonly ModelRef Big = new("openai", "big");
    private static readonly ModelRef Small = new("other", "small");
    private static readonly DateTime First = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static TokenRates? Prices(ModelRef model, DateTime month) =>
        model == Big ? new TokenRates(10m, 30m, cachedInput: 2.5m) : model == Small ? new TokenRates(1m, 2m) : null;

    private static IReadOnlyList<ModelForecast> Forecast(int months = 3)
    {
        var point = new Volumes(10_000_000m, 2_000_000m, 0m, 1_000m);
        return [new ModelForecast(Big, [.. Enumerable.Range(0, months).Select(h => new ForecastVolumes(First.AddMonths(h),
            point, point.Scale(0.8m), point.Scale(1.2m), point.Scale(0.5m), point.Scale(1.5m)))])];
    }

    private static ScenarioResult Run(ScenarioLevers levers, int months = 3) => ScenarioEngine.Run(Forecast(months), levers, Prices);

    [Fact]
    public void The_baseline_prices_each_bound_as_its_own_volumes()
    {
        var result = Run(new ScenarioLevers());
        result.Baseline[0].ShouldBe(new ForecastPoint(First, 160m, 128m, 192m, 80m, 240m));
        result.Scenario.ShouldBe(result.Baseline);
        result.Saving.ShouldBe(0m);
    }

    [Fact]
    public void Given_the_totals_own_forecast_the_baseline_takes_its_interval_and_the_scenario_strays_in_the_same_proportion()
    {
        // The total's own forecast: $160, 80% from $144 to $172, 95% from $120 to $200: half, three eighths, half and half
        // as far from the point as the models moving together ($128 to $192, $80 to $240). The third month is not in it.
        IReadOnlyList<ForecastPoint> total = [.. Enumerable.Range(0, 2).Select(h => new ForecastPoint(First.AddMonths(h), 160m, 144m, 172m, 120m, 200m))];
        var levers = new ScenarioLevers(Switch: new ProviderSwitchLever(Big, Small, 0.5m, 1.2m));
        var together = ScenarioEngine.Run(Forecast(), levers, Prices);

        var result = ScenarioEngine.Run(Forecast(), levers, Prices, total);

        result.Baseline[0].ShouldBe(new ForecastPoint(First, 160m, 144m, 172m, 120m, 200m));
        var (own, apart) = (result.Scenario[1], together.Scenario[1]);
        own.Point.ShouldBe(apart.Point);
        (own.Lower80 - own.Point).ShouldBe(0.5m * (apart.Lower80 - apart.Point));
        (own.Upper80 - own.Point).ShouldBe(0.375m * (apart.Upper80 - apart.Point));
        (own.Upper95 - own.Point).ShouldBe(0.5m * (apart.Upper95 - apart.Point));
        result.Baseline[2].ShouldBe(together.Baseline[2], "a month the total does not forecast keeps the models' interval");
        result.Saving.ShouldBe(together.Saving);
    }

    [Fact]
    public void With_a_contract_in_the_baseline_the_intervals_are_narrowed_as_the_per_token_baseline_is()
    {
        var offer = new CapacityTerms(1_000m, 250m, 5m, RatePerComputeSecond: 0.01m);
        IReadOnlyList<ForecastPoint> total = [.. Enumerable.Range(0, 3).Select(h => new ForecastPoint(First.AddMonths(h), 160m, 144m, 176m, 120m, 200m))];
        var levers = new ScenarioLevers(Contract: new BillingLever(offer, 1m, [Big]));
        var together = ScenarioEngine.Run(Forecast(), levers, Prices);

        var result = ScenarioEngine.Run(Forecast(), levers, Prices, total);

        result.ContractInBaseline.ShouldBeTrue();
        var (own, apart) = (result.Baseline[0], together.Baseline[0]);
        (own.Lower80 - own.Point).ShouldBe(0.5m * (apart.Lower80 - apart.Point));
        (own.Upper95 - own.Point).ShouldBe(0.5m * (apart.Upper95 - apart.Point));
        result.Scenario[0].ShouldBe(new ForecastPoint(First, 160m, 144m, 176m, 120m, 200m),
            "the scenario ends the contract: per token, the total's own forecast");
    }

    [Fact]
    public void A_provider_switch_moves_a_share_with_its_tokens_rescaled()
    {
        // Half stays on big: $80. Half moves with 1.2× the tokens: 6M × $1 + 1.2M × $2 = $8.40.
        var result = Run(new ScenarioLevers(Switch: new ProviderSwitchLever(Big, Small, 0.5m, 1.2m)));
        result.Scenario[0].Point.ShouldBe(88.4m);
        result.Saving.ShouldBe(3 * (160m - 88.4m));
    }

    [Fact]
    public void Routing_moves_a_share_of_requests_and_charges_the_router_for_every_request()
    {
        // 60% stays: $96; 40% on small: 4M × $1 + 0.8M × $2 = $5.60; the router sees 1,000 requests × $0.001 = $1.
        var result = Run(new ScenarioLevers(Routing: new RoutingLever(Small, 0.4m, 0.001m, 0.95m)));
        result.Scenario[0].Point.ShouldBe(102.6m);
        result.QualityRetention.ShouldBe(0.95m);
    }

    [Fact]
    public void Distillation_pays_back_in_the_month_its_savings_cover_the_one_time_cost()
    {
        // One-time: 10M × $10 + 2M × $30 = $160 of teacher tokens, 100 GPU-hours × $2 = $200, evaluation $40: $400.
        // From month 1, half of big's traffic is served in-house at $0.50 / $1: 5M × 0.5 + 1M × 1 = $3.50, so
        // a month costs $80 + $3.50 = $83.50, saving $76.50. Cumulative: 6 × 76.50 = $459 ≥ $400 in month 6 (July).
        var lever = new DistillationLever(Big, 0.5m, 1, 10_000_000, 2_000_000, 100m, 2m, 40m, new DistilledServing(0.5m, 1m));
        var result = Run(new ScenarioLevers(Distillation: lever), months: 12);
        result.OneTimeCost.ShouldBe(400m);
        result.Scenario[0].Point.ShouldBe(160m);
        result.Scenario[1].Point.ShouldBe(83.5m);
        result.PaybackMonth.ShouldBe(First.AddMonths(6));
        // Twelve months: 11 × $76.50 − $400.
        result.Saving.ShouldBe(441.5m);
    }

    [Fact]
    public void Caching_raises_the_cached_share_and_batch_takes_its_discount()
    {
        // Half the input cached: 5M × $10 + 5M × $2.50 + 2M × $30 = $122.50.
        Run(new ScenarioLevers(Caching: new CachingLever(0.5m))).Scenario[0].Point.ShouldBe(122.5m);
        // Half the traffic at the batch API's 50% (the sheet gives none, so the lever's default): $160 − $160 × 0.5 × 0.5.
        Run(new ScenarioLevers(Batch: new BatchLever(0.5m))).Scenario[0].Point.ShouldBe(120m);
    }

    [Fact]
    public void Prices_fall_by_a_yearly_rate_compounding_monthly_and_growth_is_overridden()
    {
        // −30% a year from the first month: after six months, 0.7^0.5 = 0.836660.
        var prices = Run(new ScenarioLevers(Prices: new PriceChangeLever(-0.3m, First)), months: 12);
        prices.Scenario[0].Point.ShouldBe(160m);
        prices.Scenario[6].Point.ShouldBe(160m * 0.8366600265m, 0.0001m);
        // 10% a month: month 2 is 1.21 × month 0, and its 95% lower bound keeps its half of the point.
        var growth = Run(new ScenarioLevers(Growth: new GrowthLever(0.1m)));
        growth.Scenario[2].Point.ShouldBe(193.6m);
        growth.Scenario[2].Lower95.ShouldBe(96.8m);
    }

    [Fact]
    public void Billing_under_a_capacity_offer_prices_the_compute_time()
    {
        // 10M / 1,000 + 2M / 250 tokens per second = 18,000 s at $0.01 a compute second: $180.
        var offer = new CapacityTerms(1_000m, 250m, 5m, RatePerComputeSecond: 0.01m);
        Run(new ScenarioLevers(Billing: new BillingLever(offer, 1m))).Scenario[0].Point.ShouldBe(180m);
    }

    [Fact]
    public void The_saving_prices_the_low_and_the_high_volumes_both_ways()
    {
        // Everything moves to other/small: $14 a month at the point (10M × $1 + 2M × $2), so each month saves $146, and at the 80%
        // bounds (0.8× and 1.2× the volumes) $116.80 and $175.20. With a share of 1 the three months' reaches add up.
        var result = Run(new ScenarioLevers(Switch: new ProviderSwitchLever(Big, Small, 1m, 1m))) with { TotalShare80 = 1, TotalShare95 = 1 };

        var saving = result.SavingRange;
        (saving.Point, saving.Lower80, saving.Upper80, saving.Lower95, saving.Upper95).ShouldBe((438m, 350.4m, 525.6m, 219m, 657m));
    }

    [Fact]
    public void Levers_combine_in_their_stated_order()
    {
        // The switch first (big 5M/1M, small 6M/1.2M), then caching half the input of both:
        // big 2.5M × $10 + 2.5M × $2.50 + 1M × $30 = $61.25; small (no cached price) 6M × $1 + 1.2M × $2 = $8.40.
        var result = Run(new ScenarioLevers(Switch: new ProviderSwitchLever(Big, Small, 0.5m, 1.2m), Caching: new CachingLever(0.5m)));
        result.Scenario[0].Point.ShouldBe(69.65m);
        result.Scenario[0].Lower95.ShouldBe(69.65m / 2);
    }

    private static IReadOnlyList<ModelForecast> TwoModels()
    {
        // big as above, and small at 20M input, 5M output, 4,000 requests: 20 × $1 + 5 × $2 = $30.
        var small = new Volumes(20_000_000m, 5_000_000m, 0m, 4_000m);
        return [.. Forecast(1), new ModelForecast(Small, [new ForecastVolumes(First, small, small, small, small, small)])];
    }

    [Fact]
    public void A_router_for_one_model_sees_only_that_models_requests()
    {
        // Only big's 1,000 requests pass the router (not small's 4,000): big 60% = $96, routed 4M/0.8M on small = $5.60,
        // small's own $30, router 1,000 × $0.001 = $1.
        var result = ScenarioEngine.Run(TwoModels(), new ScenarioLevers(Routing: new RoutingLever(Small, 0.4m, 0.001m, 0.95m, Only: Big)), Prices);
        result.Scenario[0].Point.ShouldBe(132.6m);
    }

    [Fact]
    public void Billing_can_cover_chosen_models_only_and_a_distilled_model_can_be_served_on_capacity()
    {
        // Big under the per-second offer ($180), small still per token ($30).
        var offer = new CapacityTerms(1_000m, 250m, 5m, RatePerComputeSecond: 0.01m);
        ScenarioEngine.Run(TwoModels(), new ScenarioLevers(Billing: new BillingLever(offer, 1m, [Big])), Prices).Scenario[0].Point.ShouldBe(210m);
        // Half of big distilled from month 0, served on the offer: 5M / 1,000 + 1M / 250 = 9,000 s × $0.01 = $90; big keeps $80.
        var served = new DistilledServing(0m, 0m, offer, 1m);
        var distil = new DistillationLever(Big, 0.5m, 0, 0, 0, 0m, 0m, 0m, served);
        Run(new ScenarioLevers(Distillation: distil)).Scenario[0].Point.ShouldBe(170m);
    }

    [Fact]
    public void Todays_contract_bills_the_baseline_by_compute_time_and_the_scenario_ends_it()
    {
        // Baseline: big under the contract, $180 (see above), small per token $30. The scenario ends the contract: $160 + $30.
        var offer = new CapacityTerms(1_000m, 250m, 5m, RatePerComputeSecond: 0.01m);
        var ended = ScenarioEngine.Run(TwoModels(), new ScenarioLevers(Contract: new BillingLever(offer, 1m, [Big])), Prices);
        ended.ContractInBaseline.ShouldBeTrue();
        ended.Baseline[0].Point.ShouldBe(210m);
        ended.Scenario[0].Point.ShouldBe(190m);
        // Routing half of big's requests to small then wins back: big $80, routed 5M/1M on small $7, small $30, router $0.50.
        var routed = ScenarioEngine.Run(TwoModels(), new ScenarioLevers(Routing: new RoutingLever(Small, 0.5m, 0.0005m, 0.9m, Only: Big),
            Contract: new BillingLever(offer, 1m, [Big])), Prices);
        routed.Baseline[0].Point.ShouldBe(210m);
        routed.Scenario[0].Point.ShouldBe(117.5m);
        Run(new ScenarioLevers()).ContractInBaseline.ShouldBeFalse();
    }

    [Fact]
    public void The_baseline_is_the_forecasts_own_spend_and_each_model_keeps_its_discount_in_the_scenario()
    {
        // The forecast priced big at $120 (75% of its $160 list, a batch discount) and unpriced/legacy at $5 for 2.5M tokens ($2 per 1M).
        var point = new Volumes(10_000_000m, 2_000_000m, 0m, 1_000m);
        var legacy = new Volumes(2_000_000m, 500_000m, 0m, 100m);
        IReadOnlyList<ModelForecast> forecast =
        [
            new ModelForecast(Big, [new ForecastVolumes(First, point, point.Scale(0.8m), point.Scale(1.2m), point.Scale(0.5m), point.Scale(1.5m), 120m)]),
            new ModelForecast(new ModelRef("unpriced", "legacy"), [new ForecastVolumes(First, legacy, legacy, legacy, legacy, legacy, 5m)]),
        ];
        var result = ScenarioEngine.Run(forecast, new ScenarioLevers(Switch: new ProviderSwitchLever(Big, Small, 0.5m)), Prices);
        result.Baseline[0].Point.ShouldBe(125m);
        result.Baseline[0].Upper80.ShouldBe(120m * 1.2m + 5m);
        // Half of big stays at 75% of list ($60), half moves to small at its list price (5M × $1 + 1M × $2 = $7), legacy keeps $5.
        result.Scenario[0].Point.ShouldBe(72m);
    }
}
