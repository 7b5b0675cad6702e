using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Parquet;
using Parquet.Schema;

namespace CostInsights.Core.Tests.Ingestion;

/// <summary>A bill exported as Parquet, as clouds export FOCUS, is read as its CSV would be; a broken one fails alone.</summary>
public sealed class ParquetIngestionTests
{
    [Fact]
    public async Task A_FOCUS_bill_in_Parquet_stores_the_lines_its_CSV_stores()
    {
        var csv = await File.ReadAllTextAsync(SamplePath("focus-bill.csv"));
        var parquet = await ParquetFiles.FromCsvAsync(csv, tags: true);

        await using var fromCsv = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var csvBatch = await fromCsv.IngestAsync(csv, "focus-bill.csv");
        await using var fromParquet = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var parquetBatch = await fromParquet.IngestAsync(parquet, "focus-bill.parquet");

        parquetBatch.Status.ShouldBe(IngestionStatus.Succeeded, parquetBatch.Error);
        parquetBatch.Format.ShouldBe(FocusCostCsv.Format);
        parquetBatch.Notes.ShouldNotBeNull().ShouldContain("read from Parquet, leaving out its nested or binary columns (Tags)");
        (parquetBatch.RowsRead, parquetBatch.RowsAccepted).ShouldBe((csvBatch.RowsRead, csvBatch.RowsAccepted));
        parquetBatch.RowsAccepted.ShouldBe(5);
        (await LinesAsync(fromParquet)).ShouldBe(await LinesAsync(fromCsv));
    }

    [Fact]
    public async Task Usage_in_Parquet_with_the_usage_CSV_s_columns_is_read_as_usage()
    {
        var schema = new ParquetSchema(new DataField<DateTime>("timestamp"), new DataField<string>("provider"), new DataField<string>("model"),
            new DataField<string>("team"), new DataField<long>("input_tokens"), new DataField<long>("output_tokens"));
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(schema.DataFields[0],
                new[] { new DateTime(2026, 4, 1, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 1, 11, 30, 0, DateTimeKind.Utc) });
            await group.WriteAsync(schema.DataFields[1], ["openai", "openai"]);
            await group.WriteAsync(schema.DataFields[2], ["gpt-4o", "gpt-4o"]);
            await group.WriteAsync(schema.DataFields[3], ["support", "search"]);
            await group.WriteAsync<long>(schema.DataFields[4], new[] { 1000L, 2000L });
            await group.WriteAsync<long>(schema.DataFields[5], new[] { 100L, 50L });
        }
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);

        var batch = await bed.IngestAsync(stream.ToArray(), "usage.parquet");

        (batch.Status, batch.Format, batch.RowsAccepted).ShouldBe((IngestionStatus.Succeeded, UsageCsv.Format, 2L), batch.Error);
        var records = await bed.Db.UsageRecords.OrderBy(r => r.OccurredAt).ToListAsync();
        records.Select(r => (r.OccurredAt, r.Team, r.InputTokens, r.OutputTokens)).ShouldBe([
            (new DateTime(2026, 4, 1, 10, 0, 0, DateTimeKind.Utc), "support", 1000L, 100L),
            (new DateTime(2026, 4, 1, 11, 30, 0, DateTimeKind.Utc), "search", 2000L, 50L)]);
    }

    [Fact]
    public async Task Text_numbers_nulls_and_times_are_written_as_CSV_fields()
    {
        var schema = new ParquetSchema(new DataField<string>("name"), new DataField<int?>("count"), new DataField<double>("ratio"),
            new DataField<DateTime>("at"));
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(schema.DataFields[0], ["plain", "a, \"quoted\" name"]);
            await group.WriteAsync<int>(schema.DataFields[1], new int?[] { 7, null });
            await group.WriteAsync<double>(schema.DataFields[2], new[] { 0.1, 1e21 });
            await group.WriteAsync<DateTime>(schema.DataFields[3],
                new[] { new DateTime(2026, 4, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2026, 4, 3, 0, 0, 0, DateTimeKind.Utc) });
        }
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, stream.ToArray());
            using var source = UsageSource.Open(path, 100);

            (await source.Reader.ReadToEndAsync()).ShouldBe(
                "name,count,ratio,at\n" +
                "plain,7,0.1,2026-04-02T03:04:05Z\n" +
                "\"a, \"\"quoted\"\" name\",,1E+21,2026-04-03T00:00:00Z\n");
            source.Note.ShouldBe("read from Parquet");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Rows_of_several_row_groups_are_read_in_order_line_by_line_and_progress_counts_them()
    {
        // Three row groups of 4,000 rows: each group's lines are written a few thousand characters at a time, and progress
        // goes by the rows read, not by where the reader last sought in the file (its footer, at the end, first).
        var schema = new ParquetSchema(new DataField<long>("n"), new DataField<string>("team"));
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            for (var g = 0; g < 3; g++)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<long>(schema.DataFields[0], Enumerable.Range(g * 4_000, 4_000).Select(i => (long)i).ToArray());
                await group.WriteAsync(schema.DataFields[1], Enumerable.Range(g * 4_000, 4_000).Select(i => $"team, {i % 7}").ToArray());
            }
        }
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, stream.ToArray());
            using var source = UsageSource.Open(path, 100);

            source.Position.ShouldBe(0);
            source.Reader.ReadLine().ShouldBe("n,team");
            for (var i = 0; i < 6_000; i++)
            {
                source.Reader.ReadLine().ShouldBe($"{i},\"team, {i % 7}\"");
            }
            ((double)source.Position / source.Length).ShouldBeInRange(0.45, 0.6);
            var rest = (await source.Reader.ReadToEndAsync()).Split('\n');
            source.Position.ShouldBe(source.Length);
            rest[^1].ShouldBeEmpty();
            rest[..^1].ShouldBe(Enumerable.Range(6_000, 6_000).Select(i => $"{i},\"team, {i % 7}\""));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_Parquet_file_cut_short_fails_with_its_reason_stores_nothing_and_the_next_file_runs()
    {
        var csv = await File.ReadAllTextAsync(SamplePath("focus-bill.csv"));
        var parquet = await ParquetFiles.FromCsvAsync(csv, tags: false);
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var service = bed.Ingestion();

        var broken = await service.QueueFileAsync(new MemoryStream(parquet[..(parquet.Length * 3 / 5)]), "cut.parquet", "test", CancellationToken.None,
            FocusCostCsv.Format);
        var whole = await service.QueueFileAsync(new MemoryStream(parquet), "whole.parquet", "test", CancellationToken.None);
        await service.RunPendingAsync(CancellationToken.None);
        bed.Db.ChangeTracker.Clear();

        var failed = await bed.Db.IngestionBatches.SingleAsync(b => b.Id == broken.Id);
        failed.Status.ShouldBe(IngestionStatus.Failed);
        failed.Error.ShouldNotBeNull().ShouldStartWith("cut.parquet: ");
        failed.Error.ShouldContain("starts like a Parquet file but is not a readable one");
        (await bed.Db.CostLines.CountAsync(l => l.IngestionBatchId == broken.Id)).ShouldBe(0);
        var next = await bed.Db.IngestionBatches.SingleAsync(b => b.Id == whole.Id);
        (next.Status, next.RowsAccepted).ShouldBe((IngestionStatus.Succeeded, 5L), next.Error);
    }

    [Fact]
    public async Task A_damaged_row_group_fails_its_batch_under_the_format_its_header_names()
    {
        var parquet = await ParquetFiles.FromCsvAsync(await File.ReadAllTextAsync(SamplePath("focus-bill.csv")), tags: true);
        // Damage in the first column chunks, where the row group's pages begin; the footer that describes them is intact.
        for (var i = parquet.Length / 8; i < parquet.Length / 8 + 60; i++)
        {
            parquet[i] ^= 0x5A;
        }
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);

        var batch = await bed.IngestAsync(parquet, "damaged.parquet");

        (batch.Status, batch.Format).ShouldBe((IngestionStatus.Failed, FocusCostCsv.Format));
        batch.Error.ShouldNotBeNull().ShouldStartWith("damaged.parquet: holds a damaged Parquet row group (the 1st of 1: ");
        (await bed.Db.CostLines.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_Parquet_file_that_expands_past_the_allowed_ratio_is_refused()
    {
        // A column of one long value repeated compresses to almost nothing.
        var schema = new ParquetSchema(new DataField<string>("BilledCost"), new DataField<string>("ChargePeriodStart"));
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Gzip }))
        {
            using var group = writer.CreateRowGroup();
            var many = Enumerable.Repeat(new string('9', 1000), 20_000).ToArray();
            await group.WriteAsync(schema.DataFields[0], many);
            await group.WriteAsync(schema.DataFields[1], many);
        }
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, stream.ToArray());
            stream.Length.ShouldBeLessThan(40_000_000 / 100);
            using var source = UsageSource.Open(path, 100);

            Should.Throw<UsageSourceException>(() => source.Reader.ReadToEnd()).Message.ShouldContain("decompression bomb");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<List<string>> LinesAsync(IngestionTestBed bed) =>
        [.. (await bed.Db.CostLines.AsNoTracking().ToListAsync())
            .Select(l => $"{l.Kind}|{l.PeriodStart:O}|{l.PeriodEnd:O}|{l.Provider}|{l.Model}|{l.Team}|{l.ChargeClass}|{l.Amount}|{l.Description}")
            .Order(StringComparer.Ordinal)];

    private static string SamplePath(string file) => Path.Combine(TestEnvironment.RepositoryRoot, "samples", file);
}
