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
        output.ShouldMatch(@"Pipeline \(Sqlite\): 3,000 records in [0-9.]+ s = [0-9,]+ records/s; peak working set [0-9,]+ MB; [0-9,]+ bytes allocated a record; 0 unpriced");
        output.ShouldMatch(@"Ceiling \(Sqlite, [^)]*\): [0-9.]+ s = [0-9,]+ records/s");
        var ratio = Regex.Match(output, @"Pipeline at ([0-9]+) % of the ceiling");
        ratio.Success.ShouldBeTrue(output);
        int.Parse(ratio.Groups[1].Value).ShouldBeGreaterThan(0);
    }
}
