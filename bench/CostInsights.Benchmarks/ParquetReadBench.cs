using CostInsights.Cli;
using CostInsights.Core.Csv;
using CostInsights.Core.Ingestion;
using Parquet;
using Parquet.Schema;

namespace CostInsights.Benchmarks;

/// <summary>
/// <c>costinsights-bench parquet --rows N --group N</c>: the ingestion benchmark's usage written as CSV and as Parquet (typed as a
/// cloud's export types it: times, whole numbers, text; row groups of <c>--group</c> rows), each read to its end as ingestion
/// reads it (<see cref="UsageSource"/>, then the product's CSV reader). Prints each one's best time of three, its allocations
/// and the Parquet file's ratio to the CSV file; both must read the same records, fields and characters.
/// </summary>
internal static class ParquetReadBench
{
    private const int Runs = 3;

    public static async Task<int> RunAsync(ITerminal terminal, long rows, int group, CancellationToken cancellationToken)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"costinsights-bench-{Guid.NewGuid():N}.csv");
        var parquet = Path.ChangeExtension(csv, ".parquet");
        try
        {
            var start = DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-30), DateTimeKind.Utc);
            var models = UsageFile.DemoModels(TimeProvider.System);
            await UsageFile.WriteAsync(csv, rows, models, start, cancellationToken);
            await WriteParquetAsync(parquet, UsageFile.Rows(rows, models, start), Math.Max(1, group), cancellationToken);
            await terminal.Out.WriteLineAsync($"{rows:N0} rows: {Megabytes(csv)} MB of CSV, {Megabytes(parquet)} MB of Parquet in row groups of {group:N0}");
            var results = BestOfRuns.MeasureEach<Totals>([("CSV", () => Read(csv)), ("Parquet", () => Read(parquet))], Runs, cancellationToken);
            var baseline = results[0];
            foreach (var (name, best, allocated, totals) in results)
            {
                await terminal.Out.WriteLineAsync(
                    $"{name,-8} {best.TotalSeconds,6:0.00} s  {rows / best.TotalSeconds,12:N0} rows/s  {allocated / Math.Max(1, rows),6:N0} bytes a row  " +
                    $"ratio {best / baseline.Best,5:0.00} to CSV");
                if (totals != baseline.Result)
                {
                    await terminal.Error.WriteLineAsync($"{name} read {totals}, not {baseline.Result}");
                    return 1;
                }
            }
            return 0;
        }
        finally
        {
            File.Delete(csv);
            File.Delete(parquet);
        }
    }

    private static string Megabytes(string path) => $"{new FileInfo(path).Length / 1024.0 / 1024:N0}";

    /// <summary>What was read: records, fields, and characters of all fields.</summary>
    private readonly record struct Totals(long Records, long Fields, long Characters);

    private static Totals Read(string file)
    {
        using var source = UsageSource.Open(file, 100);
        Totals totals = default;
        foreach (var row in new CsvStreamReader(source.Reader).ReadAll())
        {
            long characters = 0;
            foreach (var field in row.Fields)
            {
                characters += field.Length;
            }
            totals = new Totals(totals.Records + 1, totals.Fields + row.Fields.Count, totals.Characters + characters);
        }
        return totals;
    }

    /// <summary>The rows <see cref="UsageFile.WriteAsync"/> writes, with its columns, as Parquet.</summary>
    private static async Task WriteParquetAsync(string path, IEnumerable<Core.Usage.UsageRow> rows, int group, CancellationToken cancellationToken)
    {
        var schema = new ParquetSchema(new DataField<DateTime>("timestamp"), new DataField<string>("provider"), new DataField<string>("model"),
            new DataField<string>("team"), new DataField<long>("input_tokens"), new DataField<long>("output_tokens"),
            new DataField<long>("cached_tokens"), new DataField<long>("requests"), new DataField<string>("request_id"),
            new DataField<string>("project"));
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, file, cancellationToken: cancellationToken);
        var fields = schema.DataFields;
        long index = 0;
        foreach (var chunk in rows.Chunk(group))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<DateTime>(fields[0], chunk.Select(r => r.OccurredAt).ToArray());
            await rowGroup.WriteAsync(fields[1], chunk.Select(r => r.Provider).ToArray());
            await rowGroup.WriteAsync(fields[2], chunk.Select(r => r.Model).ToArray());
            await rowGroup.WriteAsync(fields[3], chunk.Select(r => r.Team).ToArray());
            await rowGroup.WriteAsync<long>(fields[4], chunk.Select(r => r.InputTokens).ToArray());
            await rowGroup.WriteAsync<long>(fields[5], chunk.Select(r => r.OutputTokens).ToArray());
            await rowGroup.WriteAsync<long>(fields[6], chunk.Select(r => r.CachedInputTokens).ToArray());
            await rowGroup.WriteAsync<long>(fields[7], chunk.Select(_ => 1L).ToArray());
            await rowGroup.WriteAsync(fields[8], chunk.Select(_ => $"req-{index++}").ToArray());
            await rowGroup.WriteAsync(fields[9], chunk.Select(r => r.Project ?? "").ToArray());
        }
    }
}
