using CostInsights.Pricing;

namespace CostInsights.Core.Scenarios;

/// <summary>A model, as the levers name it.</summary>
public sealed record ModelRef(string Provider, string Model)
{
    public override string ToString() => $"{Provider}/{Model}";

    /// <summary>The model a <c>provider/model</c> key names, or null when it names none.</summary>
    public static ModelRef? TryParse(string? key) =>
        key is not null && key.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash ? new ModelRef(key[..slash], key[(slash + 1)..]) : null;
}

/// <summary>Volumes grow by this share every month from the first forecast month, instead of as forecast.</summary>
public sealed record GrowthLever(decimal MonthlyRate);

/// <summary>Token list prices change by <paramref name="AnnualRate"/> a year (−0.3 for a 30% fall), compounding monthly, from a month on.</summary>
public sealed record PriceChangeLever(decimal AnnualRate, DateTime From);

/// <summary>A share of one model's traffic moves to an equivalent model; its tokens are multiplied by the ratio of the two tokenisers.</summary>
public sealed record ProviderSwitchLever(ModelRef From, ModelRef To, decimal Share, decimal TokenRatio = 1m);

/// <summary>
/// A router sends a share of requests (of one model, or of all) to a cheaper model and charges for
/// every request it sees. The quality retained is stated by the user and shown beside the saving.
/// </summary>
public sealed record RoutingLever(ModelRef To, decimal Share, decimal RouterCostPerRequest, decimal QualityRetention, ModelRef? Only = null);

/// <summary>How a distilled in-house model is served: per token, or on a capacity offer.</summary>
public sealed record DistilledServing(decimal InputPerMillion, decimal OutputPerMillion, CapacityTerms? Capacity = null, decimal Utilisation = 0.6m);

/// <summary>
/// An in-house model distilled from a teacher takes an eligible share of the teacher's traffic once
/// the ramp-up months are over. Building it costs the teacher's tokens for the training set at the
/// teacher's prices, the training GPU-hours and the evaluation, once, in the first month.
/// </summary>
public sealed record DistillationLever(
    ModelRef Teacher, decimal EligibleShare, int RampUpMonths, long TeacherInputTokens, long TeacherOutputTokens,
    decimal TrainingGpuHours, decimal GpuHourRate, decimal EvaluationCost, DistilledServing Serving);

/// <summary>At least this share of input tokens is read from the cache.</summary>
public sealed record CachingLever(decimal CachedShareOfInput);

/// <summary>This share of traffic goes to the batch API at its discount (the sheet's, or this default).</summary>
public sealed record BatchLever(decimal Share, decimal DefaultDiscountPercent = 50m);

/// <summary>The chosen models (or all) are billed under a capacity offer at a target utilisation instead of per token.</summary>
public sealed record BillingLever(CapacityTerms Offer, decimal Utilisation, IReadOnlyList<ModelRef>? Models = null);

/// <summary>
/// A scenario's levers. They apply in this order: growth, prices, provider switch, routing,
/// distillation, caching, batch, billing scheme; any may be left out. <paramref name="Contract"/> is
/// today's compute-time contract: the baseline bills its models under it, and the scenario has ended it,
/// billing them per token unless the billing lever puts them on an offer again.
/// </summary>
public sealed record ScenarioLevers(
    GrowthLever? Growth = null,
    PriceChangeLever? Prices = null,
    ProviderSwitchLever? Switch = null,
    RoutingLever? Routing = null,
    DistillationLever? Distillation = null,
    CachingLever? Caching = null,
    BatchLever? Batch = null,
    BillingLever? Billing = null,
    BillingLever? Contract = null);
