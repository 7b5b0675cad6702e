using CostInsights.Core.Data;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Cli.Tests;

public sealed class UsageCommandTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var terminal = new TextTerminal(new StringReader(""));
        var code = await CliApp.RunAsync([.. args, "--data-folder", _database.Options.ResolveDataFolder()], terminal);
        return (code, terminal.Out.ToString()!, terminal.Error.ToString()!);
    }

    private static string Sample(string name) => Path.Combine(TestEnvironment.RepositoryRoot, "samples", name);

    [Fact]
    public async Task A_usage_log_is_detected_priced_stored_and_summed_and_a_second_import_counts_nothing_twice()
    {
        (await RunAsync("prices", "import", Sample("prices.csv"), "--effective", "2026-01-01", "--activate")).Code.ShouldBe(0);

        var (code, output, error) = await RunAsync("usage", "import", Sample("openai-usage.json"));
        code.ShouldBe(0, error);
        output.ShouldContain("openai-usage.json: openai-usage");
        // Support: 800,000 × $2.50 + 200,000 × $1.25 + 100,000 × $10 = $3.25; ETL batch: 2,000,000 × $2.50 + 50,000 × $10 = $5.50, less 50% = $2.75.
        output.ShouldContain("Accepted 2, duplicates skipped 0, rejected 0, unpriced 0; 3,000,000 in / 150,000 out tokens; $6.00 per token");

        (await RunAsync("usage", "import", Sample("openai-usage.json"))).Out.ShouldContain("Accepted 0, duplicates skipped 2, rejected 0");
    }

    [Fact]
    public async Task A_bill_is_imported_as_its_billed_lines_and_summed_as_what_they_charged()
    {
        (await RunAsync("prices", "import", Sample("prices.csv"), "--effective", "2026-01-01", "--activate")).Code.ShouldBe(0);

        var (code, output, error) = await RunAsync("usage", "import", Sample("focus-bill.csv"));

        code.ShouldBe(0, error);
        output.ShouldContain("focus-bill.csv: focus-csv");
        // 2.436 + 0.06 + 0.375 + 0.7635 + 0.29 in tax.
        output.ShouldContain("Accepted 5, duplicates skipped 0, rejected 0, unpriced 0; 5 billed lines: $3.92 charged;");
    }

    [Fact]
    public async Task Usage_imported_is_forecast_by_forecast_run_and_an_empty_database_says_what_to_do_first()
    {
        var empty = await RunAsync("forecast", "run");
        (empty.Code, empty.Out).ShouldBe((1, ""));
        empty.Error.ShouldContain("no complete month of usage is stored yet. Import usage first (costinsights usage import)");

        (await RunAsync("prices", "import", Sample("prices.csv"), "--effective", "2026-01-01", "--activate")).Code.ShouldBe(0);
        (await RunAsync("usage", "import", Sample("usage.csv"))).Code.ShouldBe(0);
        var (code, output, error) = await RunAsync("forecast", "run");

        code.ShouldBe(0, error);
        output.ShouldMatch(
            @"^\d+ series forecast 12 months ahead\.\r?\nPer-token spend, all teams, [A-Z][a-z]{2} \d{4} to [A-Z][a-z]{2} \d{4}: \$[\d,]+\.\d\d");
        await using var db = _database.NewContext();
        var stored = await db.ForecastRuns.Select(r => r.Series).Distinct().CountAsync();
        output.ShouldStartWith($"{stored} series forecast");
    }

    [Fact]
    public async Task A_missing_file_or_unknown_format_is_refused_and_a_broken_file_exits_one()
    {
        (await RunAsync("usage", "import", "/no/such/usage.csv")).Code.ShouldBe(2);
        var unknown = await RunAsync("usage", "import", Sample("usage.csv"), "--format", "parquet");
        (unknown.Code, unknown.Error).ShouldBe((2, unknown.Error));
        unknown.Error.ShouldContain("Unknown format 'parquet'");
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, "{\"data\": [ oops");
        try
        {
            var result = await RunAsync("usage", "import", broken, "--format", "openai-usage");
            result.Code.ShouldBe(1);
            result.Error.ShouldContain("Not imported:");
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task A_real_request_trace_with_only_a_time_and_two_counts_imports_through_map_and_set()
    {
        var trace = Path.Combine(TestEnvironment.SharedData, "usage", "azure_llm_conv_2023-11-16.csv");
        var lines = File.ReadLines(trace).Count() - 1;

        var (code, output, error) = await RunAsync("usage", "import", trace, "--map", "timestamp=TIMESTAMP", "--map", "input_tokens=ContextTokens",
            "--map", "output_tokens=GeneratedTokens", "--set", "provider=azure-openai", "--set", "model=gpt-4", "--set", "team=conversations");

        code.ShouldBe(0, error + output);
        output.ShouldContain($"Accepted {lines:N0}, duplicates skipped 0, rejected 0, unpriced {lines:N0}");
        output.ShouldContain("timestamps without a time zone; they were read as UTC");
        await using var db = _database.NewContext();
        (await db.UsageRecords.SumAsync(r => r.CachedInputTokens)).ShouldBe(0);
        (await db.UsageRecords.SumAsync(r => r.Requests)).ShouldBe(lines);
    }

    [Theory]
    [InlineData("zip", "starts like a zip archive but is not a readable one")]
    [InlineData("latin-1", "is not UTF-8 text")]
    [InlineData("empty", "the file is empty")]
    [InlineData("gzip", "incomplete gzip file")]
    public async Task A_hostile_file_is_refused_with_its_name_and_reason_not_a_raw_error(string kind, string reason)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.csv");
        var csv = "timestamp,provider,model,team,input_tokens,output_tokens\n2026-04-01T10:00:00Z,openai,gpt-4o,caf\u00e9,10,1\n";
        await File.WriteAllBytesAsync(file, kind switch
        {
            "zip" => [.. "PK\u0003\u0004"u8, .. "garbage"u8],
            "latin-1" => System.Text.Encoding.Latin1.GetBytes(csv),
            "empty" => [],
            _ => Gzip(System.Text.Encoding.UTF8.GetBytes(csv))[..^6],
        });
        try
        {
            var (code, _, error) = await RunAsync("usage", "import", file);
            code.ShouldBe(1);
            error.ShouldContain($"Not imported: {Path.GetFileName(file)}: ");
            error.ShouldContain(reason);
            error.ShouldNotContain("Exception");
            error.ShouldNotContain("   at ");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }

    [Fact]
    public async Task A_csv_with_its_own_column_names_is_read_through_map_and_set()
    {
        (await RunAsync("prices", "import", Sample("prices.csv"), "--effective", "2026-01-01", "--activate")).Code.ShouldBe(0);
        var file = Path.Combine(Path.GetTempPath(), $"vendor-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            "ts,llm,prompt_tokens,completion_tokens,note\n2026-04-01T09:00:00Z,gpt-4o,1000000,100000,\"first, with a " +
            "comma\"\n2026-04-01T10:00:00Z,gpt-4o,2000000,0,\"second\nline\"\n");
        try
        {
            var (code, output, error) = await RunAsync("usage", "import", file,
                "--map", "timestamp=ts", "--map", "model=llm", "--map", "input_tokens=prompt_tokens", "--map", "output_tokens=completion_tokens",
                "--set", "provider=openai", "--set", "team=research", "--set", "cached_tokens=0");
            code.ShouldBe(0, error);
            // 1M × $2.50 + 0.1M × $10 = $3.50; 2M × $2.50 = $5.00.
            output.ShouldContain("Accepted 2, duplicates skipped 0, rejected 0, unpriced 0; 3,000,000 in / 100,000 out tokens; $8.50 per token");

            var wrong = await RunAsync("usage", "import", file, "--map", "tokens=prompt_tokens");
            wrong.Code.ShouldBe(2);
            wrong.Error.ShouldContain("--map tokens=prompt_tokens: 'tokens' is not a usage field");

            // The same, through a mapping saved for the source (as the Ingestion page saves it), for a new file of that source.
            await using (var db = await _database.MigratedContextAsync())
            {
                (await new Core.Ingestion.SourceMappingService(db, TimeProvider.System).SaveAsync("vendor",
                    "timestamp=ts\nmodel=llm\ninput_tokens=prompt_tokens\noutput_tokens=completion_tokens", "provider=openai\nteam=platform\ncached_tokens=0",
                    "test", CancellationToken.None)).ShouldBeNull();
            }
            await File.WriteAllTextAsync(file, "ts,llm,prompt_tokens,completion_tokens\n2026-04-02T09:00:00Z,gpt-4o,400000,0\n");
            var viaSaved = await RunAsync("usage", "import", file, "--mapping", "vendor");
            viaSaved.Code.ShouldBe(0, viaSaved.Error);
            viaSaved.Out.ShouldContain("Accepted 1, duplicates skipped 0, rejected 0, unpriced 0; 400,000 in / 0 out tokens; $1.00 per token");
            var unknown = await RunAsync("usage", "import", file, "--mapping", "nobody");
            (unknown.Code, unknown.Error.Trim()).ShouldBe((2, "No column mapping is saved as 'nobody'; save one on the Ingestion page."));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Json_with_its_own_field_names_is_read_through_map_and_set_keeping_each_entrys_number()
    {
        (await RunAsync("prices", "import", Sample("prices.csv"), "--effective", "2026-01-01", "--activate")).Code.ShouldBe(0);
        var lines = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.jsonl");
        var array = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.json");
        // A request trace's shape: fields of its own names, one of them a list the usage rows have no use for.
        await File.WriteAllTextAsync(lines, "{\"ts\": \"2026-04-01T09:00:00Z\", \"input_length\": 1000000, \"output_length\": 100000, " +
            "\"hash_ids\": [46, 47]}\n\n{\"ts\": \"2026-04-01T09:00:01Z\", \"input_length\": 5, \"output_length\": \"many\"}\nnot json\n");
        await File.WriteAllTextAsync(array, "[{\"ts\": \"2026-04-01T10:00:00Z\",\n  \"input_length\": 2000000, \"output_length\": 0},\n 7]");
        string[] options = ["--map", "timestamp=ts", "--map", "input_tokens=input_length", "--map", "output_tokens=output_length",
            "--set", "provider=openai", "--set", "model=gpt-4o", "--set", "team=research"];
        var temporary = Directory.GetFiles(Path.GetTempPath(), "costinsights-mapped-*");
        try
        {
            var (code, output, error) = await RunAsync(["usage", "import", lines, .. options]);
            code.ShouldBe(0, error);
            // 1M × $2.50 + 0.1M × $10 = $3.50.
            output.ShouldContain("usage-json");
            output.ShouldContain("Accepted 1, duplicates skipped 0, rejected 2, unpriced 0; 1,000,000 in / 100,000 out tokens; $3.50 per token");
            output.ShouldContain("line 3, output_tokens: 'many' is not a whole number");
            output.ShouldContain("line 4: is not a JSON object");

            (code, output, error) = await RunAsync(["usage", "import", array, .. options]);
            code.ShouldBe(0, error);
            output.ShouldContain("Accepted 1, duplicates skipped 0, rejected 1, unpriced 0; 2,000,000 in / 0 out tokens; $5.00 per token");
            output.ShouldContain("line 2: is not a JSON object");
            Directory.GetFiles(Path.GetTempPath(), "costinsights-mapped-*").ShouldBe(temporary, ignoreOrder: true);

            var wrong = await RunAsync(["usage", "import", lines, "--format", "openai-usage", .. options]);
            wrong.Code.ShouldBe(2);
            wrong.Error.ShouldContain("do not go with --format openai-usage");
        }
        finally
        {
            File.Delete(lines);
            File.Delete(array);
        }
    }

    [Fact]
    public async Task An_import_killed_mid_file_resumes_and_every_row_is_counted_once_in_records_and_rollups()
    {
        (await RunAsync("prices", "import", Sample("prices.csv"), "--effective", "2026-01-01", "--activate")).Code.ShouldBe(0);
        const int rows = 60_000;
        var file = Path.Combine(Path.GetTempPath(), $"kill-{Guid.NewGuid():N}.csv");
        long expectedInput = 0;
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,request_id");
            for (var i = 0; i < rows; i++)
            {
                var input = 1000 + i % 977;
                expectedInput += input;
                await writer.WriteLineAsync($"2026-04-{1 + i % 28:00}T{i % 24:00}:{i % 60:00}:00Z,openai,gpt-4o,team-{i % 5},{input},{i % 300},0,1,kill-{i}");
            }
        }
        try
        {
            // A separate process, cut off by SIGKILL once some chunks of 1,000 rows have committed.
            var cli = Path.Combine(AppContext.BaseDirectory, "costinsights.dll");
            var start = new System.Diagnostics.ProcessStartInfo("dotnet",
                ["exec", cli, "usage", "import", file, "--data-folder", _database.Options.ResolveDataFolder()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["Ingestion__ChunkRows"] = "1000" },
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            long committed = 0;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (committed < 3_000 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
                committed = await CommittedAsync();
            }
            process.HasExited.ShouldBeFalse("the import finished before it could be killed; give it more rows");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            await using (var db = _database.NewContext())
            {
                var cut = await db.IngestionBatches.SingleAsync();
                cut.Status.ShouldBe(Core.Ingestion.IngestionStatus.Running);
                cut.RowsCommitted.ShouldBeInRange(3_000, rows - 1);
                (await db.UsageRecords.LongCountAsync()).ShouldBe(cut.RowsCommitted);
                (await db.MonthlyRollups.SumAsync(r => r.RecordCount)).ShouldBe(cut.RowsCommitted);
            }

            var (code, output, error) = await RunAsync("usage", "resume");
            code.ShouldBe(0, error);
            output.ShouldContain("resuming after");
            output.ShouldContain($"Accepted {rows:N0}, duplicates skipped 0, rejected 0");

            await using (var db = _database.NewContext())
            {
                (await db.UsageRecords.LongCountAsync()).ShouldBe(rows);
                (await db.UsageRecords.SumAsync(r => r.InputTokens)).ShouldBe(expectedInput);
                (await db.HourlyRollups.SumAsync(r => r.InputTokens)).ShouldBe(expectedInput);
                (await db.MonthlyRollups.SumAsync(r => r.InputTokens)).ShouldBe(expectedInput);
                (await db.MonthlyRollups.SumAsync(r => r.RecordCount)).ShouldBe(rows);
                var costs = await db.UsageRecords.Select(r => r.TokenCost).ToListAsync();
                var monthly = await db.MonthlyRollups.Select(r => r.TokenCost).ToListAsync();
                monthly.Sum().ShouldBe(costs.Sum());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<long> CommittedAsync()
    {
        try
        {
            await using var db = _database.NewContext();
            return await db.IngestionBatches.Select(b => (long?)b.RowsCommitted).FirstOrDefaultAsync() ?? 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // busy while the importer commits, or not created yet
        }
    }
}
