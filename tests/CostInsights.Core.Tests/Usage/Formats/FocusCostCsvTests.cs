using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class FocusCostCsvTests
{
    [Theory]
    [InlineData("gpt-4o-0806-Inp-glbl Tokens", "gpt-4o-0806", ChargeClasses.Input)]
    [InlineData("gpt 4o 0513 Output global Tokens", "gpt-4o-0513", ChargeClasses.Output)]
    [InlineData("gpt 4o 1120 cached Inp glbl", "gpt-4o-1120", ChargeClasses.CachedInput)]
    [InlineData("gpt-4o-mini-0718-Outp-glbl Tokens", "gpt-4o-mini-0718", ChargeClasses.Output)]
    [InlineData("gpt-4-8K-Batch-Inp-glbl Tokens", "gpt-4-8k", ChargeClasses.Input)]
    [InlineData("GPT 5 Inpt Glbl", "gpt-5", ChargeClasses.Input)]
    [InlineData("USE1-Claude3.5Sonnet-output-tokens", "claude3.5sonnet", ChargeClasses.Output)]
    [InlineData("Claude Sonnet 4 Cache Write Input Tokens", "claude-sonnet-4", ChargeClasses.CacheWrites)]
    [InlineData("Input Tokens", null, ChargeClasses.Input)]
    [InlineData("Standard Storage", null, null)]
    [InlineData(null, null, null)]
    public void A_meter_names_the_model_and_the_token_charge(string? meter, string? model, string? charge) =>
        FocusCostCsv.Meter(meter).ShouldBe((model, charge));

    [Theory]
    [InlineData("Azure OpenAI Service", null, "azure-openai")]
    [InlineData("Foundry Models", null, "azure-openai")]
    [InlineData("Cognitive Services", "Azure OpenAI", "azure-openai")]
    [InlineData("Amazon Bedrock", null, "bedrock")]
    [InlineData("Vertex AI", null, "google")]
    [InlineData("Virtual Machines", "Dv5 Series", null)]
    [InlineData(null, null, null)]
    public void A_cloud_s_ai_service_is_known_by_its_service_or_meter_subcategory(string? service, string? subcategory, string? provider) =>
        FocusCostCsv.AiService(service, subcategory).ShouldBe(provider);

    [Fact]
    public void Of_a_whole_cloud_bill_only_the_ai_rows_are_read()
    {
        const string csv = """
            BilledCost,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,ServiceCategory,SkuMeter
            120.00,Usage,2026-05-01,2026-05-02,AWS,Amazon Elastic Compute Cloud,Compute,USE1-BoxUsage:m5.large
            3.10,Usage,2026-05-01,2026-05-02,AWS,AWS Data Transfer,Networking,USE1-DataTransfer-Out-Bytes
            2.00,Usage,2026-05-01,2026-05-02,AWS,Amazon Bedrock,AI and Machine Learning,USE1-Claude3.5Sonnet-input-tokens
            1.00,Usage,2026-05-01,2026-05-02,Anthropic,Claude API,AI and Machine Learning,Claude Sonnet 4 Output Tokens
            0.50,Usage,2026-05-01,2026-05-02,Acme,Acme Inference,Other,acme-7b Output Tokens
            """;

        var lines = FocusCostCsv.Read(new StringReader(csv)).Select(r => r.Row!).ToList();

        lines.Select(l => (l.LineNumber, l.Provider, l.Model, l.ChargeClass)).ShouldBe([
            (4L, "bedrock", "claude3.5sonnet", ChargeClasses.Input),
            (5L, "anthropic", "claude-sonnet-4", ChargeClasses.Output),
            (6L, "acme", "acme-7b", ChargeClasses.Output),
        ]);
    }

    [Fact]
    public void An_azure_export_becomes_billed_lines_with_the_meter_s_model_and_charge_and_credits_as_their_own_charge()
    {
        const string csv = """
            BilledCost,BillingCurrency,ChargeCategory,ChargeDescription,ChargePeriodEnd,ChargePeriodStart,ProviderName,ServiceName,SubAccountName,x_SkuMeterName,x_SkuMeterSubcategory
            3.52415,USD,Usage,Azure OpenAI - gpt 4o 0513 Input global Tokens,2026-05-02T00:00:00Z,2026-05-01T00:00:00Z,Microsoft,Cognitive Services,prod-subscription,gpt 4o 0513 Input global Tokens,Azure OpenAI
            -1.50,USD,Credit,Sponsorship credit,2026-05-02T00:00:00Z,2026-05-01T00:00:00Z,Microsoft,Azure OpenAI,prod-subscription,,
            """;
        UsageFormats.Detect(csv).ShouldBe(FocusCostCsv.Format);

        var lines = FocusCostCsv.Read(new StringReader(csv)).Select(r => r.Row!).ToList();

        lines.Count.ShouldBe(2);
        (lines[0].Provider, lines[0].Model, lines[0].ChargeClass, lines[0].Amount, lines[0].Team, lines[0].Kind)
            .ShouldBe(("azure-openai", "gpt-4o-0513", ChargeClasses.Input, 3.52415m, "prod-subscription", CostLineKinds.Billed));
        (lines[0].PeriodStart, lines[0].PeriodEnd)
            .ShouldBe((new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc)));
        (lines[1].Model, lines[1].ChargeClass, lines[1].Amount, lines[1].Description).ShouldBe(((string?)null, "credit", -1.50m, "Sponsorship credit"));
        lines[0].NaturalKey.ShouldNotBe(lines[1].NaturalKey);
    }

    [Theory]
    [InlineData("EUR,1.0,2026-05-01,2026-05-02", "BillingCurrency", "EUR is not supported: the bill must be in USD")]
    [InlineData("USD,lots,2026-05-01,2026-05-02", "BilledCost", "'lots' is not a number")]
    [InlineData("USD,1.0,2026-05-02,2026-05-01", "ChargePeriodEnd", "2026-05-01 00:00 is not after ChargePeriodStart 2026-05-02 00:00")]
    public void A_row_that_is_not_a_usd_charge_for_a_period_is_rejected_with_its_column_and_reason(string row, string column, string reason)
    {
        var result = FocusCostCsv.Read(new StringReader($"ServiceName,BillingCurrency,BilledCost,ChargePeriodStart,ChargePeriodEnd\nAmazon Bedrock,{row}\n"))
            .ToList()
            .ShouldHaveSingleItem();

        (result.Row, result.LineNumber, result.Column, result.Reason).ShouldBe(((CostLineRow?)null, 2L, column, reason));
    }
}
