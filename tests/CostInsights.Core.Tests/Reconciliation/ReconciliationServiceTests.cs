using CostInsights.Core.Data;
using CostInsights.Core.Reconciliation;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;
using CostInsights.Testing;

namespace CostInsights.Core.Tests.Reconciliation;

public sealed class ReconciliationServiceTests
{
    private static readonly DateTime April = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    private const string Prices = """
        provider,model,input_per_1m,output_per_1m,cached_input_per_1m,cache_write_5m_per_1m,cache_write_1h_per_1m,effective_from
        anthropic,claude-sonnet-4,3.00,15.00,0.30,3.75,6.00,2026-01-01
        anthropic,claude-haiku-4,1.00,5.00,0.10,1.25,2.00,2026-01-01
        openai,gpt-4o,2.50,10.00,1.25,,,2026-01-01
        """;

    // Usage: on April 1 Sonnet read 600,000 uncached, 250,000 cached and wrote 100,000 tokens to the cache, and wrote 200,000; Haiku
    // read 1,000,000. On April 2 Sonnet read 1,000,000.
    private const string Usage = """
        {"data": [{"starting_at": "2026-04-01T00:00:00Z", "ending_at": "2026-04-02T00:00:00Z", "results": [
          {"uncached_input_tokens": 600000, "cache_creation": {"ephemeral_5m_input_tokens": 100000, "ephemeral_1h_input_tokens": 0},
           "cache_read_input_tokens": 250000, "output_tokens": 200000, "workspace_id": "support", "model": "claude-sonnet-4"},
          {"uncached_input_tokens": 1000000, "output_tokens": 0, "workspace_id": "support", "model": "claude-haiku-4"}]},
         {"starting_at": "2026-04-02T00:00:00Z", "ending_at": "2026-04-03T00:00:00Z", "results": [
          {"uncached_input_tokens": 1000000, "output_tokens": 0, "workspace_id": "search", "model": "claude-sonnet-4"}]}],
         "has_more": false}
        """;

    // Billed, in cents: April 1 Sonnet as priced but for the cache writes (40 cents, priced 37.5), web search on top, no Haiku line;
    // April 2 Sonnet's input at $3.30 a million; April 3 Sonnet output with no usage stored.
    private const string Costs = """
        {"data": [{"starting_at": "2026-04-01T00:00:00Z", "ending_at": "2026-04-02T00:00:00Z", "results": [
          {"currency": "USD", "amount": "180", "workspace_id": "support", "cost_type": "tokens", "model": "claude-sonnet-4", "token_type": "uncached_input_tokens"},
          {"currency": "USD", "amount": "7.5", "workspace_id": "support", "cost_type": "tokens", "model": "claude-sonnet-4", "token_type": "cache_read_input_tokens"},
          {"currency": "USD", "amount": "40", "workspace_id": "support", "cost_type": "tokens", "model": "claude-sonnet-4",
           "token_type": "cache_creation.ephemeral_5m_input_tokens"},
          {"currency": "USD", "amount": "300", "workspace_id": "support", "cost_type": "tokens", "model": "claude-sonnet-4", "token_type": "output_tokens"},
          {"currency": "USD", "amount": "42", "workspace_id": null, "cost_type": "web_search", "model": null, "token_type": null}]},
         {"starting_at": "2026-04-02T00:00:00Z", "ending_at": "2026-04-03T00:00:00Z", "results": [
          {"currency": "USD", "amount": "330", "workspace_id": "search", "cost_type": "tokens", "model": "claude-sonnet-4", "token_type": "uncached_input_tokens"}]},
         {"starting_at": "2026-04-03T00:00:00Z", "ending_at": "2026-04-04T00:00:00Z", "results": [
          {"currency": "USD", "amount": "150", "workspace_id": "search", "cost_type": "tokens", "model": "claude-sonnet-4", "token_type": "output_tokens"}]}],
         "has_more": false}
        """;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Each_billed_charge_is_set_beside_the_same_usage_priced_and_each_difference_is_explained(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        (await bed.IngestAsync(Usage, "anthropic-usage.json")).RowsAccepted.ShouldBe(3);
        (await bed.IngestAsync(Costs, "anthropic-costs.json")).RowsAccepted.ShouldBe(7);
        (await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens\n2026-04-01T10:00:00Z,openai,gpt-4o,support,1000000,0\n"))
            .RowsAccepted.ShouldBe(1);
        var service = new ReconciliationService(bed.Db);

        (await service.MonthsAsync(CancellationToken.None)).ShouldBe([April]);
        var month = await service.ForMonthAsync(April.AddDays(12), CancellationToken.None);

        month.Month.ShouldBe(April);
        month.Charges.Select(c => (c.Day.Day, c.Model, c.ChargeClass, c.Billed, c.Priced, c.Tokens, c.Status)).ShouldBe([
            (1, "", "web search", 0.42m, null, 0L, ChargeStatus.NotATokenCharge),
            (1, "claude-haiku-4", ChargeClasses.Input, null, 1.00m, 1_000_000L, ChargeStatus.NotBilled),
            (1, "claude-sonnet-4", ChargeClasses.Input, 1.80m, 1.80m, 600_000L, ChargeStatus.Matches),
            (1, "claude-sonnet-4", ChargeClasses.CachedInput, 0.075m, 0.075m, 250_000L, ChargeStatus.Matches),
            (1, "claude-sonnet-4", ChargeClasses.CacheWrites, 0.40m, 0.375m, 100_000L, ChargeStatus.Differs),
            (1, "claude-sonnet-4", ChargeClasses.Output, 3.00m, 3.00m, 200_000L, ChargeStatus.Matches),
            (2, "claude-sonnet-4", ChargeClasses.Input, 3.30m, 3.00m, 1_000_000L, ChargeStatus.Differs),
            (3, "claude-sonnet-4", ChargeClasses.Output, 1.50m, null, 0L, ChargeStatus.NoUsage),
        ]);
        month.Charges[6].Finding.ShouldStartWith("Billed 10% more than priced: $3.3 per 1M tokens against the sheet's $3 for the 1,000,000 tokens stored.");
        month.Charges[4].Finding.ShouldStartWith("Billed 6.7% more than priced: $4 per 1M tokens against the sheet's $3.75");
        month.Charges[7].Finding.ShouldBe("Billed, but no output usage of claude-sonnet-4 on this day is stored: ingest the provider's usage for the day.");
        month.Charges[1].Finding.ShouldStartWith("Usage priced that the cost report does not bill");
        month.Charges[0].Finding.ShouldStartWith("Not a token charge: per-token prices do not cover web search");
        (month.Billed, month.Priced, month.Difference).ShouldBe((10.495m, 9.25m, 1.245m));
        // OpenAI's usage is priced, but no OpenAI cost report is stored: it is named, not reconciled.
        month.ProvidersWithoutReport.ShouldBe(["openai"]);
    }

    [Fact]
    public async Task The_samples_reconcile_with_batch_traffic_and_hour_long_cache_writes_split_as_they_were_priced()
    {
        var month = await ReconcileSamplesAsync("anthropic-usage.json", "anthropic-cost-report.json");

        // Input: 600,000 × $3.00 + 1,000,000 × $3.00 at half price for batch; writes: 100,000 × $3.75 + 50,000 × $6.00 an hour;
        // output: 200,000 × $15.00 + 40,000 × $15.00 at half price. Anthropic bills each charge so.
        month.Charges.Where(c => c.Model == "claude-sonnet-4").Select(c => (c.ChargeClass, c.Billed, c.Priced, c.Status)).ShouldBe([
            (ChargeClasses.Input, 3.30m, 3.30m, ChargeStatus.Matches),
            (ChargeClasses.CachedInput, 0.075m, 0.075m, ChargeStatus.Matches),
            (ChargeClasses.CacheWrites, 0.675m, 0.675m, ChargeStatus.Matches),
            (ChargeClasses.Output, 3.30m, 3.30m, ChargeStatus.Matches),
        ]);
        month.Charges.Single(c => c.Model == "").Status.ShouldBe(ChargeStatus.NotATokenCharge);
    }

    [Fact]
    public async Task OpenAI_s_costs_reconcile_with_its_usage_line_item_by_line_item_batch_at_half_price()
    {
        var month = await ReconcileSamplesAsync("openai-usage.json", "openai-costs.json");

        // Input: 800,000 uncached × $2.50 + 2,000,000 × $2.50 at half price for batch; cached: 200,000 × $1.25;
        // output: 100,000 × $10.00 + 50,000 × $10.00 at half price.
        month.Charges.Where(c => c.Model == "gpt-4o").Select(c => (c.ChargeClass, c.Billed, c.Priced, c.Status)).ShouldBe([
            (ChargeClasses.Input, 4.50m, 4.50m, ChargeStatus.Matches),
            (ChargeClasses.CachedInput, 0.25m, 0.25m, ChargeStatus.Matches),
            (ChargeClasses.Output, 1.25m, 1.25m, ChargeStatus.Matches),
        ]);
        var search = month.Charges.Single(c => c.Model == "");
        (search.ChargeClass, search.Billed, search.Status).ShouldBe(("web search tool calls", 0.1m, ChargeStatus.NotATokenCharge));
        month.ProvidersWithoutReport.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_focus_bill_reconciles_with_bedrock_s_invocation_logs_and_its_tax_is_a_charge_of_its_own()
    {
        var month = await ReconcileSamplesAsync("bedrock-invocations.jsonl", "focus-bill.csv");

        // Input: 812,000 × $3.00; cache reads: 200,000 × $0.30; writes: 100,000 × $3.75; output: 50,900 × $15.00.
        month.Charges.Where(c => c.Model == "anthropic.claude-sonnet-4").Select(c => (c.ChargeClass, c.Billed, c.Priced, c.Status)).ShouldBe([
            (ChargeClasses.Input, 2.436m, 2.436m, ChargeStatus.Matches),
            (ChargeClasses.CachedInput, 0.06m, 0.06m, ChargeStatus.Matches),
            (ChargeClasses.CacheWrites, 0.375m, 0.375m, ChargeStatus.Matches),
            (ChargeClasses.Output, 0.7635m, 0.7635m, ChargeStatus.Matches),
        ]);
        (month.Charges.Single(c => c.Model == "").ChargeClass, month.Charges.Single(c => c.Model == "").Status).ShouldBe(("tax", ChargeStatus.NotATokenCharge));
    }

    [Fact]
    public async Task A_model_billed_by_its_meter_s_name_is_set_beside_the_usage_it_versions()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n" +
            "azure-openai,gpt-4o,2.50,10.00,1.25,2026-01-01\nazure-openai,gpt-4o-mini,0.15,0.60,0.075,2026-01-01\n");
        await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens\n" +
            "2026-04-09T10:00:00Z,azure-openai,gpt-4o,support,1000000,100000\n2026-04-09T11:00:00Z,azure-openai,gpt-4o-mini,support,2000000,0\n",
            "usage.csv");
        await bed.IngestAsync("""
            BilledCost,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,x_SkuMeterName
            2.50,2026-04-09,2026-04-10,Microsoft,Azure OpenAI,gpt-4o-0806-Inp-glbl Tokens
            1.00,2026-04-09,2026-04-10,Microsoft,Azure OpenAI,gpt-4o-0806-Outp-glbl Tokens
            0.30,2026-04-09,2026-04-10,Microsoft,Azure OpenAI,gpt-4o-mini-0718-Inp-glbl Tokens
            """, "azure-focus.csv");

        var month = await new ReconciliationService(bed.Db).ForMonthAsync(April, CancellationToken.None);

        month.Charges.Select(c => (c.Model, c.ChargeClass, c.Billed, c.Status)).ShouldBe([
            ("gpt-4o", ChargeClasses.Input, 2.50m, ChargeStatus.Matches),
            ("gpt-4o", ChargeClasses.Output, 1.00m, ChargeStatus.Matches),
            ("gpt-4o-mini", ChargeClasses.Input, 0.30m, ChargeStatus.Matches),
        ]);
        month.Charges[0].Finding.ShouldBe("Billed as priced. Billed as gpt-4o-0806.");
    }

    [Theory]
    [InlineData("gpt-4o-2024-08-06, input", "gpt-4o-2024-08-06", ChargeClasses.Input)]
    [InlineData("gpt-4o-mini, Cached Input (batch)", "gpt-4o-mini", ChargeClasses.CachedInput)]
    [InlineData("o3, output (flex)", "o3", ChargeClasses.Output)]
    [InlineData("gpt-4o-audio-preview, audio input", "gpt-4o-audio-preview", "audio input")]
    [InlineData("web search tool calls", null, "web search tool calls")]
    [InlineData(null, null, null)]
    [InlineData(" ", null, null)]
    public void An_openai_line_item_names_the_model_and_the_charge(string? lineItem, string? model, string? charge) =>
        OpenAiCosts.LineItem(lineItem).ShouldBe((model, charge));

    /// <summary>April of the samples' files (usage and the bill of it) ingested with the samples' prices.</summary>
    private static async Task<MonthReconciliation> ReconcileSamplesAsync(params string[] files)
    {
        var samples = Path.Combine(TestEnvironment.RepositoryRoot, "samples");
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(Path.Combine(samples, "prices.csv")));
        foreach (var file in files)
        {
            (await bed.IngestAsync(await File.ReadAllTextAsync(Path.Combine(samples, file)), file)).RowsRejected.ShouldBe(0);
        }
        return await new ReconciliationService(bed.Db).ForMonthAsync(April, CancellationToken.None);
    }

    [Fact]
    public async Task Usage_of_a_model_no_sheet_prices_is_named_as_the_difference()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync("""
            {"data": [{"starting_at": "2026-04-05T00:00:00Z", "ending_at": "2026-04-06T00:00:00Z", "results": [
              {"uncached_input_tokens": 1000000, "output_tokens": 0, "model": "claude-opus-5"}]}], "has_more": false}
            """, "anthropic-usage.json");
        await bed.IngestAsync("""
            {"data": [{"starting_at": "2026-04-05T00:00:00Z", "ending_at": "2026-04-06T00:00:00Z", "results": [
              {"currency": "USD", "amount": "1500", "cost_type": "tokens", "model": "claude-opus-5", "token_type": "uncached_input_tokens"}]}]}
            """, "anthropic-costs.json");

        var charge = (await new ReconciliationService(bed.Db).ForMonthAsync(April, CancellationToken.None)).Charges.ShouldHaveSingleItem();

        (charge.Billed, charge.Priced, charge.Tokens, charge.Status).ShouldBe((15m, 0m, 1_000_000L, ChargeStatus.Differs));
        charge.Finding.ShouldBe("No price sheet prices claude-opus-5 on this day, so its usage costs nothing here: add its price and activate the sheet.");
    }

    [Fact]
    public async Task A_month_without_a_cost_report_has_nothing_to_reconcile()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync(Usage, "anthropic-usage.json");
        var service = new ReconciliationService(bed.Db);

        (await service.MonthsAsync(CancellationToken.None)).ShouldBeEmpty();
        var month = await service.ForMonthAsync(April, CancellationToken.None);
        month.Charges.ShouldBeEmpty();
        month.ProvidersWithoutReport.ShouldBe(["anthropic"]);
    }

    [Theory]
    [InlineData("tokens", "uncached_input_tokens", ChargeClasses.Input)]
    [InlineData(null, "cache_read_input_tokens", ChargeClasses.CachedInput)]
    [InlineData("tokens", "cache_creation.ephemeral_1h_input_tokens", ChargeClasses.CacheWrites)]
    [InlineData("tokens", "output_tokens", ChargeClasses.Output)]
    [InlineData("code_execution", null, "code execution")]
    [InlineData("tokens", "audio_input_tokens", "audio input tokens")]
    [InlineData(null, null, null)]
    [InlineData("tokens", null, null)]
    public void An_anthropic_cost_type_and_token_type_name_the_charge(string? costType, string? tokenType, string? charge) =>
        ChargeClasses.FromAnthropic(costType, tokenType).ShouldBe(charge);
}
