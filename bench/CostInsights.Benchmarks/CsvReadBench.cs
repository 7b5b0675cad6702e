using CostInsights.Cli;
using CostInsights.Core.Csv;
using nietras.SeparatedValues;
using HelperOptions = CsvHelper.CsvReaderOptions;
using HelperReader = CsvHelper.CsvReader;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights-bench csv --rows N</c>: reads the ingestion benchmark's usage file with the product's CSV reader and with
/// CsvHelper and Sep, each giving what ingestion needs of a record (every field as a string, and the line it starts on),
/// with repeated values shared where the library offers it. Prints each reader's best time of three, its allocations,
/// and its ratio to the product's reader; all three must read the same records, fields and characters.
/// </summary>
internal static class CsvReadBench
{
    private const int Runs = 3;

    public static async Task<int> RunAsync(ITerminal terminal, long rows, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"costinsights-bench-{Guid.NewGuid():N}.csv");
        try
        {
            var start = DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-30), DateTimeKind.Utc);
            await UsageFile.WriteAsync(file, rows, UsageFile.DemoModels(TimeProvider.System), start, cancellationToken);
            await terminal.Out.WriteLineAsync($"{rows:N0} rows, {new FileInfo(file).Length / 1024.0 / 1024:N0} MB of CSV");
            var results = BestOfRuns.MeasureEach<Totals>(
                [("CostInsights CsvStreamReader", () => Ours(file)), ("CsvHelper 34", () => CsvHelper(file)), ("Sep 0.17", () => Sep(file))],
                Runs, cancellationToken);
            var baseline = results[0];
            foreach (var (name, best, allocated, totals) in results)
            {
                await terminal.Out.WriteLineAsync(
                    $"{name,-30} {best.TotalSeconds,6:0.00} s  {rows / best.TotalSeconds,12:N0} rows/s  {allocated / rows,5:N0} bytes a row  " +
                    $"{baseline.Best / best,5:0.00}× the product's speed");
                if (totals with { Lines = 0 } != baseline.Result with { Lines = 0 })
                {
                    await terminal.Error.WriteLineAsync($"{name} read {totals}, not {baseline.Result}");
                    return 1;
                }
                if (totals.Lines != baseline.Result.Lines)
                {
                    await terminal.Out.WriteLineAsync($"  its line numbers differ: they add up to {totals.Lines:N0}, not {baseline.Result.Lines:N0}");
                }
            }
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>What a reader read: records, fields, characters of all fields, and the sum of the lines the records start on.</summary>
    private readonly record struct Totals(long Records, long Fields, long Characters, long Lines);

    private static Totals Ours(string file)
    {
        using var text = new StreamReader(file);
        Totals totals = default;
        foreach (var row in new CsvStreamReader(text).ReadAll())
        {
            long characters = 0;
            foreach (var field in row.Fields)
            {
                characters += field.Length;
            }
            totals = new Totals(totals.Records + 1, totals.Fields + row.Fields.Count, totals.Characters + characters, totals.Lines + row.LineNumber);
        }
        return totals;
    }

    private static Totals CsvHelper(string file)
    {
        var options = new HelperOptions { HasHeader = false, Separator = ',', PoolStrings = true, TrackLineNumbers = true, MaxRecordSize = 1 << 20 };
        using var reader = HelperReader.FromFile(file, options);
        Totals totals = default;
        var fields = new List<string>(16);
        while (reader.Read())
        {
            fields.Clear();
            long characters = 0;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetString(i);
                fields.Add(value);
                characters += value.Length;
            }
            totals = new Totals(totals.Records + 1, totals.Fields + fields.Count, totals.Characters + characters, totals.Lines + reader.LineNumber);
        }
        return totals;
    }

    private static Totals Sep(string file)
    {
        using var reader = nietras.SeparatedValues.Sep.New(',')
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true, CreateToString = SepToString.PoolPerCol() })
            .FromFile(file);
        Totals totals = default;
        var fields = new List<string>(16);
        foreach (var row in reader)
        {
            fields.Clear();
            long characters = 0;
            for (var i = 0; i < row.ColCount; i++)
            {
                var value = row[i].ToString();
                fields.Add(value);
                characters += value.Length;
            }
            totals = new Totals(totals.Records + 1, totals.Fields + fields.Count, totals.Characters + characters, totals.Lines + row.LineNumberFrom);
        }
        return totals;
    }
}
