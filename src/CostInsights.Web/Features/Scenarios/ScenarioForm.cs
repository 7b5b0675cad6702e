using System.Globalization;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Scenarios;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>
/// The Scenarios form, one field per lever setting, each with its unit in the label; percentages are
/// entered as percent. A lever counts only when its box is ticked.
/// </summary>
public sealed class ScenarioForm
{
    public string? Name { get; set; }

    public bool GrowthOn { get; set; }
    public decimal GrowthPercentPerMonth { get; set; } = 3;

    public bool PricesOn { get; set; }
    public decimal PricePercentPerYear { get; set; } = -30;
    public string? PricesFrom { get; set; }

    public bool SwitchOn { get; set; }
    public string? SwitchFrom { get; set; }
    public string? SwitchTo { get; set; }
    public decimal SwitchPercent { get; set; } = 50;
    public decimal SwitchTokenRatio { get; set; } = 1;

    public bool RoutingOn { get; set; }
    /// <summary>Only this model's requests pass the router; empty for all.</summary>
    public string? RoutingFrom { get; set; }
    public string? RoutingTo { get; set; }
    public decimal RoutingPercent { get; set; } = 40;
    public decimal RouterCostPerThousandRequests { get; set; } = 0.05m;
    public decimal QualityRetentionPercent { get; set; } = 97;

    public bool DistilOn { get; set; }
    public string? DistilTeacher { get; set; }
    public decimal DistilPercent { get; set; } = 60;
    public int DistilRampUpMonths { get; set; } = 2;
    public decimal TeacherInputMillions { get; set; } = 500;
    public decimal TeacherOutputMillions { get; set; } = 100;
    public decimal TrainingGpuHours { get; set; } = 400;
    public decimal GpuHourRate { get; set; } = 4;
    public decimal EvaluationCost { get; set; } = 2_000;
    public decimal DistilledInputPerMillion { get; set; } = 0.1m;
    public decimal DistilledOutputPerMillion { get; set; } = 0.4m;
    /// <summary>Served on this capacity offer (self-hosted GPUs) instead of at the per-token prices above; null for per token.</summary>
    public int? DistilOfferId { get; set; }
    public decimal DistilUtilisationPercent { get; set; } = 60;

    public bool CachingOn { get; set; }
    public decimal CachedPercent { get; set; } = 50;

    public bool BatchOn { get; set; }
    public decimal BatchPercent { get; set; } = 30;

    public bool BillingOn { get; set; }
    public int? BillingOfferId { get; set; }
    /// <summary>Only this model is billed under the offer; empty for every model.</summary>
    public string? BillingModel { get; set; }
    public decimal BillingUtilisationPercent { get; set; } = 70;

    /// <summary>Today's compute-time contract, billed in the baseline and ended in the scenario.</summary>
    public bool ContractOn { get; set; }
    public int? ContractOfferId { get; set; }
    /// <summary>Only this model is under the contract today; empty for every model.</summary>
    public string? ContractModel { get; set; }
    public decimal ContractUtilisationPercent { get; set; } = 70;

    /// <summary>
    /// The values each numeric setting may take, checked on the server whatever the browser sent:
    /// shares 0 to 100%, growth -50 to +100% a month, ratios above 0, and sizes no plan reaches.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (decimal Min, decimal Max)> Ranges = new Dictionary<string, (decimal, decimal)>
    {
        [nameof(GrowthPercentPerMonth)] = (-50, 100),
        [nameof(PricePercentPerYear)] = (-99, 300),
        [nameof(SwitchPercent)] = (0, 100),
        [nameof(SwitchTokenRatio)] = (0.01m, 10),
        [nameof(RoutingPercent)] = (0, 100),
        [nameof(RouterCostPerThousandRequests)] = (0, 1_000),
        [nameof(QualityRetentionPercent)] = (0, 100),
        [nameof(DistilPercent)] = (0, 100),
        [nameof(DistilRampUpMonths)] = (0, 24),
        [nameof(TeacherInputMillions)] = (0, 1_000_000),
        [nameof(TeacherOutputMillions)] = (0, 1_000_000),
        [nameof(TrainingGpuHours)] = (0, 10_000_000),
        [nameof(GpuHourRate)] = (0, 1_000),
        [nameof(EvaluationCost)] = (0, 100_000_000),
        [nameof(DistilledInputPerMillion)] = (0, 1_000),
        [nameof(DistilledOutputPerMillion)] = (0, 1_000),
        [nameof(DistilUtilisationPercent)] = (1, 100),
        [nameof(CachedPercent)] = (0, 100),
        [nameof(BatchPercent)] = (0, 100),
        [nameof(BillingUtilisationPercent)] = (1, 100),
        [nameof(ContractUtilisationPercent)] = (1, 100),
    };

    /// <summary>Each ticked lever's setting that is outside its range, with what it may be.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var ticked = new (bool On, (string Field, decimal Value)[] Settings)[]
        {
            (GrowthOn, [(nameof(GrowthPercentPerMonth), GrowthPercentPerMonth)]),
            (PricesOn, [(nameof(PricePercentPerYear), PricePercentPerYear)]),
            (SwitchOn, [(nameof(SwitchPercent), SwitchPercent), (nameof(SwitchTokenRatio), SwitchTokenRatio)]),
            (RoutingOn, [(nameof(RoutingPercent), RoutingPercent), (nameof(RouterCostPerThousandRequests), RouterCostPerThousandRequests),
                (nameof(QualityRetentionPercent), QualityRetentionPercent)]),
            (DistilOn, [(nameof(DistilPercent), DistilPercent), (nameof(DistilRampUpMonths), DistilRampUpMonths),
                (nameof(TeacherInputMillions), TeacherInputMillions),
                (nameof(TeacherOutputMillions), TeacherOutputMillions), (nameof(TrainingGpuHours), TrainingGpuHours), (nameof(GpuHourRate), GpuHourRate),
                (nameof(EvaluationCost), EvaluationCost), (nameof(DistilledInputPerMillion), DistilledInputPerMillion),
                (nameof(DistilledOutputPerMillion), DistilledOutputPerMillion), (nameof(DistilUtilisationPercent), DistilUtilisationPercent)]),
            (CachingOn, [(nameof(CachedPercent), CachedPercent)]),
            (BatchOn, [(nameof(BatchPercent), BatchPercent)]),
            (BillingOn, [(nameof(BillingUtilisationPercent), BillingUtilisationPercent)]),
            (ContractOn, [(nameof(ContractUtilisationPercent), ContractUtilisationPercent)]),
        };
        return [.. ticked.Where(t => t.On).SelectMany(t => t.Settings)
            .Where(s => s.Value < Ranges[s.Field].Min || s.Value > Ranges[s.Field].Max)
            .Select(s => (s.Field,
                $"{Labels.GetValueOrDefault(s.Field, s.Field)} is {s.Value.ToString(CultureInfo.InvariantCulture)}; it must be from {Describe(s.Field)}."))];
    }

    /// <summary>A setting's range in words, as the form's helper text gives it.</summary>
    public static string Describe(string field) =>
        $"{Ranges[field].Min.ToString("#,##0.##", CultureInfo.InvariantCulture)} to {Ranges[field].Max.ToString("#,##0.##", CultureInfo.InvariantCulture)}";

    /// <summary>The settings' labels as the form shows them, with their units.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(GrowthPercentPerMonth)] = "Growth (% a month)",
        [nameof(PricePercentPerYear)] = "Price change (% a year)",
        [nameof(SwitchPercent)] = "Traffic moved (%)",
        [nameof(SwitchTokenRatio)] = "Token ratio (tokens there per token here)",
        [nameof(RoutingPercent)] = "Requests routed (%)",
        [nameof(RouterCostPerThousandRequests)] = "Router cost ($ per 1,000 requests)",
        [nameof(QualityRetentionPercent)] = "Quality kept (%)",
        [nameof(DistilPercent)] = "Eligible traffic (%)",
        [nameof(DistilRampUpMonths)] = "Ramp-up (months)",
        [nameof(TeacherInputMillions)] = "Training set input (M tokens)",
        [nameof(TeacherOutputMillions)] = "Training set output (M tokens)",
        [nameof(TrainingGpuHours)] = "Training (GPU-hours)",
        [nameof(GpuHourRate)] = "GPU rate ($ per GPU-hour)",
        [nameof(EvaluationCost)] = "Evaluation ($)",
        [nameof(DistilledInputPerMillion)] = "Serving input ($ per 1M)",
        [nameof(DistilledOutputPerMillion)] = "Serving output ($ per 1M)",
        [nameof(DistilUtilisationPercent)] = "Serving utilisation (%)",
        [nameof(CachedPercent)] = "Input read from cache (%)",
        [nameof(BatchPercent)] = "Offline traffic to the batch API (%)",
        [nameof(BillingUtilisationPercent)] = "Utilisation (%)",
        [nameof(ContractUtilisationPercent)] = "Contract utilisation (%)",
    };

    /// <summary>The levers the ticked boxes set, or the first reason they cannot be applied.</summary>
    public (ScenarioLevers? Levers, string? Error) ToLevers(IReadOnlyList<CapacityOffer> offers)
    {
        static decimal Share(decimal percent) => Math.Clamp(percent, 0, 100) / 100m;
        static ModelRef? Model(string? key) => ModelRef.TryParse(key);
        if ((SwitchOn && (Model(SwitchFrom) is null || Model(SwitchTo) is null)) || (RoutingOn && Model(RoutingTo) is null)
            || (DistilOn && Model(DistilTeacher) is null))
        {
            return (null, "Choose the models the ticked levers move traffic between.");
        }
        var offer = BillingOn ? offers.FirstOrDefault(o => o.Id == BillingOfferId) : null;
        var serving = DistilOn && DistilOfferId is { } servingId ? offers.FirstOrDefault(o => o.Id == servingId) : null;
        var contract = ContractOn ? offers.FirstOrDefault(o => o.Id == ContractOfferId) : null;
        if ((BillingOn && offer is null) || (ContractOn && contract is null))
        {
            return (null, $"Choose a capacity offer for the {(BillingOn && offer is null ? "billing lever" : "contract")} (admins add them as capacity rows " +
                "of a price sheet).");
        }
        if (Problems() is { Count: > 0 } problems)
        {
            return (null, string.Join(" ", problems.Select(p => p.Message)));
        }
        DateTime.TryParseExact(PricesFrom, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
            out var from);
        return (new ScenarioLevers(
            Growth: GrowthOn ? new GrowthLever(GrowthPercentPerMonth / 100m) : null,
            Prices: PricesOn ? new PriceChangeLever(Math.Max(-99, PricePercentPerYear) / 100m, DateTime.SpecifyKind(from, DateTimeKind.Utc)) : null,
            Switch: SwitchOn ? new ProviderSwitchLever(Model(SwitchFrom)!, Model(SwitchTo)!, Share(SwitchPercent), SwitchTokenRatio) : null,
            Routing: RoutingOn ? new RoutingLever(Model(RoutingTo)!, Share(RoutingPercent), RouterCostPerThousandRequests / 1000m,
                Share(QualityRetentionPercent), Model(RoutingFrom)) : null,
            Distillation: DistilOn ? new DistillationLever(Model(DistilTeacher)!, Share(DistilPercent), DistilRampUpMonths,
                (long)(TeacherInputMillions * 1_000_000m), (long)(TeacherOutputMillions * 1_000_000m), TrainingGpuHours, GpuHourRate, EvaluationCost,
                new DistilledServing(DistilledInputPerMillion, DistilledOutputPerMillion, serving?.ToTerms(),
                    Math.Clamp(DistilUtilisationPercent, 1, 100) / 100m)) : null,
            Caching: CachingOn ? new CachingLever(Share(CachedPercent)) : null,
            Batch: BatchOn ? new BatchLever(Share(BatchPercent)) : null,
            Billing: offer is null ? null : new BillingLever(offer.ToTerms(), Math.Clamp(BillingUtilisationPercent, 1, 100) / 100m,
                Model(BillingModel) is { } billed ? [billed] : null),
            Contract: contract is null ? null : new BillingLever(contract.ToTerms(), Math.Clamp(ContractUtilisationPercent, 1, 100) / 100m,
                Model(ContractModel) is { } contracted ? [contracted] : null)), null);
    }

    /// <summary>The form that shows saved levers.</summary>
    public static ScenarioForm From(string name, ScenarioLevers levers, IReadOnlyList<CapacityOffer> offers)
    {
        var form = new ScenarioForm { Name = name };
        if (levers.Growth is { } g)
        {
            form.GrowthOn = true;
            form.GrowthPercentPerMonth = g.MonthlyRate * 100;
        }
        if (levers.Prices is { } p)
        {
            form.PricesOn = true;
            form.PricePercentPerYear = p.AnnualRate * 100;
            form.PricesFrom = p.From.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
        if (levers.Switch is { } s)
        {
            form.SwitchOn = true;
            form.SwitchFrom = s.From.ToString();
            form.SwitchTo = s.To.ToString();
            form.SwitchPercent = s.Share * 100;
            form.SwitchTokenRatio = s.TokenRatio;
        }
        if (levers.Routing is { } r)
        {
            form.RoutingOn = true;
            form.RoutingFrom = r.Only?.ToString();
            form.RoutingTo = r.To.ToString();
            form.RoutingPercent = r.Share * 100;
            form.RouterCostPerThousandRequests = r.RouterCostPerRequest * 1000;
            form.QualityRetentionPercent = r.QualityRetention * 100;
        }
        if (levers.Distillation is { } d)
        {
            form.DistilOn = true;
            form.DistilTeacher = d.Teacher.ToString();
            form.DistilPercent = d.EligibleShare * 100;
            form.DistilRampUpMonths = d.RampUpMonths;
            form.TeacherInputMillions = d.TeacherInputTokens / 1_000_000m;
            form.TeacherOutputMillions = d.TeacherOutputTokens / 1_000_000m;
            form.TrainingGpuHours = d.TrainingGpuHours;
            form.GpuHourRate = d.GpuHourRate;
            form.EvaluationCost = d.EvaluationCost;
            form.DistilledInputPerMillion = d.Serving.InputPerMillion;
            form.DistilledOutputPerMillion = d.Serving.OutputPerMillion;
            form.DistilOfferId = d.Serving.Capacity is { } capacity ? offers.FirstOrDefault(o => o.ToTerms() == capacity)?.Id : null;
            form.DistilUtilisationPercent = d.Serving.Utilisation * 100;
        }
        if (levers.Caching is { } c)
        {
            form.CachingOn = true;
            form.CachedPercent = c.CachedShareOfInput * 100;
        }
        if (levers.Batch is { } b)
        {
            form.BatchOn = true;
            form.BatchPercent = b.Share * 100;
        }
        if (levers.Billing is { } bill)
        {
            form.BillingOn = true;
            form.BillingUtilisationPercent = bill.Utilisation * 100;
            form.BillingOfferId = offers.FirstOrDefault(o => o.ToTerms() == bill.Offer)?.Id;
            form.BillingModel = bill.Models is [var only] ? only.ToString() : null;
        }
        if (levers.Contract is { } contract)
        {
            form.ContractOn = true;
            form.ContractUtilisationPercent = contract.Utilisation * 100;
            form.ContractOfferId = offers.FirstOrDefault(o => o.ToTerms() == contract.Offer)?.Id;
            form.ContractModel = contract.Models is [var only] ? only.ToString() : null;
        }
        return form;
    }
}
