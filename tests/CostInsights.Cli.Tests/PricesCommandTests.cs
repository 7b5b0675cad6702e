using CostInsights.Core.Data;
using CostInsights.Testing;

namespace CostInsights.Cli.Tests;

public sealed class PricesCommandTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("costinsights-cli");

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync()
    {
        _files.Delete(recursive: true);
        await _database.DisposeAsync();
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var terminal = new TextTerminal(new StringReader(""));
        var code = await CliApp.RunAsync([.. args, "--data-folder", _database.Options.ResolveDataFolder()], terminal);
        return (code, terminal.Out.ToString()!, terminal.Error.ToString()!);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_files.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Importing_the_litellm_sheet_prints_what_was_imported_and_skipped_and_activates_it()
    {
        var file = Path.Combine(TestEnvironment.SharedData, "prices", "litellm_model_prices_2026-07-18.json");
        var (code, output, _) = await RunAsync("prices", "import", file, "--effective", "2026-07-18", "--activate", "--confirm-warnings");
        code.ShouldBe(0, output);
        output.ShouldContain("entries read");
        output.ShouldContain("× embedding model (out of scope: only text generation is priced)");
        output.ShouldContain("Activated litellm_model_prices_2026-07-18 v1.");

        var show = await RunAsync("prices", "show", "claude-sonnet-4-5-20250929", "--at", "2026-08-01");
        show.Code.ShouldBe(0);
        show.Out.ShouldContain("input 3  output 15  cached input 0.3  cache write 5m 3.75  cache write 1h 6");
        show.Out.ShouldContain("requests over 200,000 input tokens: input 6  output 22.5  cached input 0.6");
        (await RunAsync("prices", "show", "claude-sonnet-4-5-20250929", "--at", "2026-07-01")).Code.ShouldBe(1);
    }

    [Fact]
    public async Task OpenRouter_s_model_list_is_detected_and_priced_under_openrouter_from_the_date_given()
    {
        var file = Write("models.json", """
            {"data": [
              {"id": "anthropic/claude-sonnet-4", "pricing": {"prompt": "0.000003", "completion": "0.000015", "input_cache_read": "0.0000003"}},
              {"id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}}
            ]}
            """);
        var (code, output, error) = await RunAsync("prices", "import", file, "--effective", "2026-11-01", "--activate");
        code.ShouldBe(0, error);
        output.ShouldContain("models.json (openrouter): 2 entries read, 1 imported");
        output.ShouldContain("× price varies with the model routed to");

        var show = await RunAsync("prices", "show", "anthropic/claude-sonnet-4", "--at", "2026-11-15");
        show.Code.ShouldBe(0, show.Error);
        show.Out.ShouldContain("openrouter/anthropic/claude-sonnet-4 (standard), in force since 2026-11-01");
        show.Out.ShouldContain("input 3  output 15  cached input 0.3");
    }

    [Fact]
    public async Task Without_confirmation_a_sheet_with_warnings_stays_a_draft()
    {
        var file = Write("absurd.csv", "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nacme,x,20000,1,,2026-01-01\n");
        var (code, output, error) = await RunAsync("prices", "import", file, "--activate");
        code.ShouldBe(1);
        output.ShouldContain("warning: absurd");
        error.ShouldContain("not activated: the sheet has warnings");
    }

    [Fact]
    public async Task A_rejected_file_exits_non_zero_naming_entry_and_reason()
    {
        var file = Write("bad.csv", "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\nacme,x,-1,1,,2026-01-01\n");
        var (code, _, error) = await RunAsync("prices", "import", file);
        code.ShouldBe(1);
        error.ShouldContain("rejected: bad.csv, line 2, column input_per_1m: -1 is negative");
        error.ShouldContain("nothing was stored");
    }

    [Fact]
    public async Task Convert_prints_both_costs_the_effective_price_and_the_breakeven()
    {
        var file = Write("both.csv", """
            provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from,kind,unit_kind,term,rate_per_unit_hour,minimum_units,unit_increment,input_tokens_per_second,output_tokens_per_second
            acme,big,2,8,,2026-01-01,token,,,,,,,
            acme,big,,,,2026-01-01,capacity,gpu-hour,none,3.60,1,1,10000,100
            """);
        (await RunAsync("prices", "import", file, "--activate")).Code.ShouldBe(0);
        // 1,000,000,000 input and 10,000,000 output: per token 1e9 × 2 / 1e6 + 1e7 × 8 / 1e6 = 2,000 + 80 = $2,080.
        // Compute: 1e9 / 10,000 + 1e7 / 100 = 100,000 + 100,000 = 200,000 s; in 100 h at 100% busy: 200,000 / 360,000 → 1 unit
        // → 1 × 100 × 3.60 = $360. Effective: 360 / (1e9 + 100 × 1e7) × 1e6 = $0.18 per 1M input, $18 per 1M output.
        // Breakeven: (3.60 / 3600) / (2,080 / 200,000) = 0.001 / 0.0104 = 9.6%.
        var (code, output, error) = await RunAsync("prices", "convert", "--model", "acme/big", "--offer", "big", "--input-tokens", "1000000000",
            "--output-tokens", "10000000", "--hours", "100", "--at", "2026-02-01");
        code.ShouldBe(0, error);
        output.ShouldContain("Per token (acme/big, both v1): $2,080.00");
        output.ShouldContain("200,000 compute seconds, 1 units for 100 h at 100 % busy → $360.00 (actually 55.6 % busy)");
        output.ShouldContain("$0.18 per 1M input, $18.00 per 1M output tokens (output weight 100)");
        output.ShouldContain("Breakeven utilisation: 9.6 %");
    }
}
