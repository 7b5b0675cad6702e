using System.CommandLine;
using System.Diagnostics;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Cli;

/// <summary>
/// <c>costinsights usage import FILE [--format F] [--map field=column] [--set field=value] [--mapping NAME]</c>: the same
/// pipeline as an upload on the Ingestion page, run at once, with progress on the terminal and a
/// summary at the end.
/// </summary>
internal static class UsageCommand
{
    public static Command Create(ITerminal terminal, Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> open)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A usage log: CSV, JSON or JSON Lines in one of the formats below" };
        var format = new Option<string?>("--format") { Description = $"One of {string.Join(", ", UsageFormats.All)}; detected from the file when left out" };
        var map = new Option<string[]>("--map") { Description = "field=column: read a CSV column or a JSON field as a usage field (repeat for each)" };
        var set = new Option<string[]>("--set")
        {
            Description = "field=value: a constant for a field the file lacks, such as provider=openai (repeat for " +
            "each)"
        };
        var saved = new Option<string?>("--mapping")
        {
            Description = "The name of a column mapping saved on the Ingestion page, to read a source's CSV or JSON " +
            "through"
        };
        var import = new Command("import", "Ingest a usage log: validate, price both ways, store, and roll up")
        {
            Arguments = { file },
            Options = { format, map, set, saved }
        };
        import.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, async () =>
        {
            var path = parse.GetValue(file)!;
            var chosen = parse.GetValue(format);
            if (!path.Exists)
            {
                await terminal.Error.WriteLineAsync($"{path.FullName}: no such file.");
                return 2;
            }
            if (chosen is not null && !UsageFormats.All.Contains(chosen))
            {
                await terminal.Error.WriteLineAsync($"Unknown format '{chosen}': use one of {string.Join(", ", UsageFormats.All)}.");
                return 2;
            }
            var (maps, sets) = (parse.GetValue(map) ?? [], parse.GetValue(set) ?? []);
            FileInfo? mapped = null;
            if (maps.Length + sets.Length > 0)
            {
                if (chosen is not (null or Core.Usage.UsageCsv.Format or UsageJson.Format))
                {
                    await terminal.Error.WriteLineAsync("--map and --set read a CSV's columns or a JSON file's fields as usage fields; they do not go with " +
                        $"--format {chosen}.");
                    return 2;
                }
                var (mapping, problem) = UsageFieldMapping.Parse(maps, sets);
                if (mapping is null)
                {
                    await terminal.Error.WriteLineAsync(problem);
                    return 2;
                }
                (mapped, chosen) = Rewrite(path, chosen, mapping);
            }
            try
            {
                await using var scope = await open(parse, cancellationToken);
                var mappingName = parse.GetValue(saved);
                if (mappingName is not null)
                {
                    if (mapped is not null || chosen is not (null or Core.Usage.UsageCsv.Format))
                    {
                        await terminal.Error.WriteLineAsync("--mapping reads a file through a saved mapping; it does not go with --map, --set or another " +
                            "--format.");
                        return 2;
                    }
                    if (await scope.ServiceProvider.GetRequiredService<SourceMappingService>().FindAsync(mappingName, cancellationToken) is null)
                    {
                        await terminal.Error.WriteLineAsync($"No column mapping is saved as '{mappingName}'; save one on the Ingestion page.");
                        return 2;
                    }
                }
                return await ImportAsync(terminal, scope.ServiceProvider, mapped ?? path, path.Name, chosen, mappingName, cancellationToken);
            }
            finally
            {
                mapped?.Delete();
            }
        }));
        var resume = new Command("resume", "Finish every batch that is queued or was cut off, resuming after its last committed chunk");
        resume.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, async () =>
        {
            await using var scope = await open(parse, cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            var pending = await db.IngestionBatches.AsNoTracking()
                .Where(b => b.Status == IngestionStatus.Queued || b.Status == IngestionStatus.Running)
                .OrderBy(b => b.Id).ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                await terminal.Out.WriteLineAsync("No batch is waiting: nothing to resume.");
                return 0;
            }
            var code = 0;
            foreach (var batch in pending)
            {
                await terminal.Out.WriteLineAsync($"Batch {batch.Id} ({batch.FileName}): {(batch.RowsCommitted > 0 ? $"resuming after " +
                    $"{batch.RowsCommitted:N0} committed rows" : "starting")}");
                code = Math.Max(code, await FollowAsync(terminal, scope.ServiceProvider, batch.Id, cancellationToken));
            }
            return code;
        }));
        return new Command("usage", "Usage logs") { Subcommands = { import, resume } };
    }

    /// <summary>
    /// The file rewritten through the mapping into the project's own usage format in a temporary file the caller deletes:
    /// JSON Lines when it is JSON (by <paramref name="chosen"/>, or by how it starts), CSV otherwise. It is read as an upload
    /// is, compressed or not; nothing is left behind when it cannot be.
    /// </summary>
    private static (FileInfo File, string Format) Rewrite(FileInfo path, string? chosen, UsageFieldMapping mapping)
    {
        var maxExpansion = new IngestionOptions().MaxExpansion;
        bool json;
        using (var peek = UsageSource.Open(path.FullName, maxExpansion))
        {
            var start = new char[1024];
            json = chosen == UsageJson.Format
                || (chosen is null && UsageFormats.LooksLikeJson(new string(start, 0, peek.Reader.ReadBlock(start, 0, start.Length))));
        }
        var format = json ? UsageJson.Format : Core.Usage.UsageCsv.Format;
        var mapped = new FileInfo(Path.Combine(Path.GetTempPath(), $"costinsights-mapped-{Guid.NewGuid():N}{UsageFormats.Extension(format)}"));
        try
        {
            using var source = UsageSource.Open(path.FullName, maxExpansion);
            using var target = mapped.CreateText();
            if (json)
            {
                UsageJson.Rewrite(source.Reader, target, mapping);
            }
            else
            {
                mapping.Rewrite(source.Reader, target);
            }
        }
        catch
        {
            mapped.Delete();
            throw;
        }
        return (mapped, format);
    }

    private static async Task<int> ImportAsync(ITerminal terminal, IServiceProvider services, FileInfo path, string name, string? format, string? mapping,
        CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<UsageIngestionService>();
        IngestionBatch batch;
        await using (var content = path.OpenRead())
        {
            batch = await ingestion.QueueFileAsync(content, name, "cli", cancellationToken, format, mapping);
        }
        await terminal.Out.WriteLineAsync($"{name}: {batch.Format}, {batch.SizeBytes:N0} bytes, batch {batch.Id}");
        return await FollowAsync(terminal, services, batch.Id, cancellationToken);
    }

    /// <summary>Runs a batch with a progress bar, then prints its summary; 1 when it failed.</summary>
    private static async Task<int> FollowAsync(ITerminal terminal, IServiceProvider services, long batchId, CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<UsageIngestionService>();
        var progress = services.GetRequiredService<IngestionProgress>();
        var watch = Stopwatch.StartNew();
        var run = ingestion.RunBatchAsync(batchId, cancellationToken);
        while (await Task.WhenAny(run, Task.Delay(500, cancellationToken)) != run)
        {
            if (progress.Get(batchId) is { TotalBytes: > 0 } now)
            {
                var bar = new string('#', now.Percent * 30 / 100).PadRight(30, '.');
                var left = now.Remaining is { } remaining ? $", about {remaining.TotalSeconds:N0} s left" : "";
                await terminal.Out.WriteLineAsync($"[{bar}] {now.Percent}%  {now.RowsRead:N0} rows, {now.RowsPerSecond:N0} rows/s{left}");
            }
        }
        await run;

        var db = services.GetRequiredService<CostInsightsDbContext>();
        db.ChangeTracker.Clear();
        var done = await db.IngestionBatches.AsNoTracking().Include(b => b.RejectedRows).SingleAsync(b => b.Id == batchId, cancellationToken);
        if (done.Status != IngestionStatus.Succeeded)
        {
            await terminal.Error.WriteLineAsync($"Not imported: {done.Error}");
            return 1;
        }
        await terminal.Out.WriteLineAsync(
            $"Accepted {done.RowsAccepted:N0}, duplicates skipped {done.RowsDuplicate:N0}, rejected {done.RowsRejected:N0}, unpriced {done.RowsUnpriced:N0}; " +
            $"{BatchTotals.Describe(done)}; {watch.Elapsed.TotalSeconds:0.0} s.");
        if (done.Notes is not null)
        {
            await terminal.Out.WriteLineAsync($"  Note: {done.Notes}");
        }
        foreach (var rejected in done.RejectedRows.OrderBy(r => r.LineNumber).Take(10))
        {
            await terminal.Out.WriteLineAsync($"  line {rejected.LineNumber}{(rejected.Column is null ? "" : $", {rejected.Column}")}: {rejected.Reason}");
        }
        return 0;
    }
}
