using CostInsights.Core.PriceSheets;

namespace CostInsights.Core.Tests.PriceSheets;

public sealed class PriceSheetCsvTests
{
    [Fact]
    public void The_template_parses_into_exact_decimal_prices()
    {
        var result = PriceSheetCsv.Parse(new StringReader(PriceSheetCsv.Template), "template.csv");
        result.Errors.ShouldBeEmpty();
        result.Entries.Count.ShouldBe(3);
        var gpt = result.Entries[0];
        (gpt.Provider, gpt.Model, gpt.InputPerMillion, gpt.OutputPerMillion, gpt.CachedInputPerMillion, gpt.BatchDiscountPercent)
            .ShouldBe(("openai", "gpt-4o", 2.50m, 10.00m, (decimal?)1.25m, (decimal?)50m));
        gpt.EffectiveFrom.ShouldBe(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        gpt.EffectiveFrom.Kind.ShouldBe(DateTimeKind.Utc);
        result.Entries[2].CachedInputPerMillion.ShouldBe(0.025m);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_file_line_column_and_reason()
    {
        const string csv = """
            provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from
            openai,gpt-4o,abc,10,1.25,2025-01-01
            openai,gpt-4o-mini,0.15,-0.6,,2025-01-01
            openai,gpt-4.1,2,8,0.5,last tuesday
            openai,gpt-4o-nano,0.1,0.4,,2025-01-01
            openai,gpt-4o-nano,0.1,0.4,,2025-01-01
            """;
        var result = PriceSheetCsv.Parse(new StringReader(csv), "prices.csv");
        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldBe([
            "prices.csv, line 2, column input_per_1m: 'abc' is not a number",
            "prices.csv, line 3, column output_per_1m: -0.6 is negative",
            "prices.csv, line 4, column effective_from: 'last tuesday' is not a date (use ISO 8601, e.g. 2026-03-01T14:00:00Z)",
            "prices.csv, line 6: openai/gpt-4o-nano from 2025-01-01 is already priced on line 5",
        ]);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var result = PriceSheetCsv.Parse(new StringReader("provider,model,input_per_1m\nopenai,gpt-4o,1\n"), "p.csv");
        result.Errors.Single().ShouldContain("missing required columns 'output_per_1m', 'cached_input_per_1m', 'effective_from'");
        result.Errors.Single().ShouldStartWith("p.csv, line 1");
    }
}
