using CostInsights.Core.Demo;
using CostInsights.Core.Reconciliation;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Tests.Demo;

public sealed class DemoOpenAiCostsTests
{
    [Fact]
    public void The_demo_s_openai_bill_reads_back_as_each_day_s_token_charges_priced()
    {
        var day = new DateTime(2026, 4, 7, 0, 0, 0, DateTimeKind.Utc);
        PricedCharge[] charges =
        [
            new(day, "openai", "gpt-4o", ChargeClasses.Input, 12.345678m, 4_938_271, false),
            new(day, "openai", "gpt-4o", ChargeClasses.CachedInput, 0.5m, 400_000, false),
            new(day.AddDays(1), "openai", "gpt-4o-mini", ChargeClasses.Output, 3.6m, 6_000_000, false),
            // Nothing is billed for what costs nothing, such as a model no sheet prices.
            new(day.AddDays(1), "openai", "gpt-5", ChargeClasses.Output, 0m, 1_000, true),
        ];

        var lines = OpenAiCosts.Read(new StringReader(DemoOpenAiCosts.Write(charges))).Select(r => r.Row!).ToList();

        lines.Select(l => (l.PeriodStart, l.Model, l.ChargeClass, l.Amount)).ShouldBe([
            (day, "gpt-4o", ChargeClasses.Input, 12.345678m),
            (day, "gpt-4o", ChargeClasses.CachedInput, 0.5m),
            (day.AddDays(1), "gpt-4o-mini", ChargeClasses.Output, 3.6m),
        ]);
        lines.ShouldAllBe(l => l.PeriodEnd == l.PeriodStart.AddDays(1) && l.Kind == CostLineKinds.Billed);
    }
}
