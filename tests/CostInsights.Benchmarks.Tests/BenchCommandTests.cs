using System.Text.RegularExpressions;
using CostInsights.Cli;

namespace CostInsights.Benchmarks.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_ingest_warms_up_then_measures_the_pipeline_and_the_ceiling_on_the_same_rows()
    {
        var terminal = new TextTerminal(new StringReader(""));
        var code = await BenchApp.RunAsync(["ingest", "--rows", "3000"], terminal);
        var output = terminal.Out.ToString()!;

        code.ShouldBe(0, terminal.Error.ToString());
        output.ShouldContain("Warmed up on 3,000 rows (not timed)");
        output.ShouldContain("Generated 3,000 rows");
        output.ShouldMatch(@"Pipeline \(Sqlite\): 3,000 records in [0-9.]+ s = [0-9,]+ records/s; " +
            @"peak working set [0-9,]+ MB; [0-9,]+ bytes allocated a record; 0 unpriced");
        output.ShouldMatch(@"Ceiling \(Sqlite, [^)]*\): [0-9.]+ s = [0-9,]+ records/s");
        var ratio = Regex.Match(output, @"Pipeline at ([0-9]+) % of the ceiling");
        ratio.Success.ShouldBeTrue(output);
        int.Parse(ratio.Groups[1].Value).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Bench_csv_reads_the_same_file_with_each_reader_and_prints_its_ratio_to_ours()
    {
        var terminal = new TextTerminal(new StringReader(""));
        var code = await BenchApp.RunAsync(["csv", "--rows", "2000"], terminal);
        var output = terminal.Out.ToString()!;

        code.ShouldBe(0, terminal.Error.ToString());
        output.ShouldContain("2,000 rows");
        foreach (var reader in (string[])["CostInsights CsvStreamReader", "CsvHelper 34", "Sep 0.17"])
        {
            output.ShouldMatch(reader + @" +[0-9.]+ s +[0-9,]+ rows/s +[0-9,]+ bytes a row +[0-9.]+× the product's speed");
        }
        output.ShouldMatch(@"CsvStreamReader +[0-9.]+ s +[0-9,]+ rows/s +[0-9,]+ bytes a row +1\.00×");
    }

    [Fact]
    public async Task Bench_parquet_reads_the_same_rows_from_parquet_as_from_csv_and_prints_its_ratio()
    {
        // Row groups of 700 rows: three of them, the last short. The bench fails where the two files read differently.
        var terminal = new TextTerminal(new StringReader(""));
        var code = await BenchApp.RunAsync(["parquet", "--rows", "2000", "--group", "700"], terminal);
        var output = terminal.Out.ToString()!;

        code.ShouldBe(0, terminal.Error.ToString());
        output.ShouldMatch(@"2,000 rows: [0-9,]+ MB of CSV, [0-9,]+ MB of Parquet in row groups of 700");
        output.ShouldMatch(@"CSV +[0-9.]+ s +[0-9,]+ rows/s +[0-9,]+ bytes a row +ratio +1\.00 to CSV");
        output.ShouldMatch(@"Parquet +[0-9.]+ s +[0-9,]+ rows/s +[0-9,]+ bytes a row +ratio +[0-9.]+ to CSV");
    }

    [Fact]
    public async Task Bench_reconcile_reads_the_month_and_its_floor_over_the_same_records()
    {
        var terminal = new TextTerminal(new StringReader(""));
        var code = await BenchApp.RunAsync(["reconcile", "--records", "5000"], terminal);
        var output = terminal.Out.ToString()!;

        code.ShouldBe(0, terminal.Error.ToString());
        output.ShouldContain("Loaded 5,000 records of October 2026");
        // 31 days × 8 models × the three charges billed and priced (input, cached input, output); a day's records fall in 12 groups:
        // 8 models, and 4 of them (every tenth record) batched too.
        output.ShouldMatch(@"median of 5: [0-9]+ ms for 744 charges over 5,000 records; " +
            @"baseline \(one grouped SQL sum of the same records, 372 groups\) [0-9]+ ms; ratio [0-9.]+");
    }
}
