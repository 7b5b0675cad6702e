using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CostInsights.Core.Usage;

/// <summary>
/// Costs as FOCUS 1.2 rows (the FinOps Open Cost and Usage Specification): one usage charge a day
/// per provider, model and team, with every mandatory column filled. Costs are at the prices in
/// force (list prices: billed, effective, list and contracted cost are the same amount); the
/// pricing quantity is tokens.
/// </summary>
public static class FocusExport
{
    /// <summary>The mandatory columns of FOCUS 1.2, then the conditional and recommended ones we can fill.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost",
        "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
        "ServiceCategory", "ServiceName",
        "ChargeFrequency", "ConsumedQuantity", "ConsumedUnit", "ResourceId", "ResourceName", "ResourceType", "SkuId", "Tags",
    ];

    /// <summary>Rows of values in <see cref="Columns"/>' order, day by day.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<object?>> RowsAsync(IAsyncEnumerable<UsageSlice> slices, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var charges = new SortedDictionary<(DateTime Day, string Provider, string Model, string Team), UsageSum>();
        await foreach (var s in slices.WithCancellation(cancellationToken))
        {
            var key = (DateTime.SpecifyKind(s.At.Date, DateTimeKind.Utc), s.Provider, s.Model, s.Team);
            charges[key] = charges.GetValueOrDefault(key, UsageSum.Zero).Add(s);
        }
        foreach (var ((day, provider, model, team), sum) in charges)
        {
            var month = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var tokens = sum.InputTokens + sum.OutputTokens;
            yield return
            [
                sum.TokenCost, $"{provider}-account", provider, "USD", Time(month.AddMonths(1)), Time(month),
                "Usage", null, $"{model}: {tokens:N0} tokens in {sum.Requests:N0} requests for team {team}", Time(day.AddDays(1)), Time(day), sum.TokenCost,
                sum.TokenCost, provider, sum.TokenCost, (decimal)tokens, "Tokens", provider, provider,
                "AI and Machine Learning", $"{provider} language models",
                "Usage-Based", (decimal)tokens, "Tokens", $"{provider}/{model}", model, "Language model", $"{provider}/{model}",
                JsonSerializer.Serialize(new Dictionary<string, string> { ["team"] = team }),
            ];
        }
    }

    private static string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
