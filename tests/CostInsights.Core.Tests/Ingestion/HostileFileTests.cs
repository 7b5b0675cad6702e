using System.IO.Compression;
using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Ingestion;

/// <summary>
/// Every format's sample, made hostile every way a file arrives broken, queued ahead of a clean
/// file: the hostile batch ends (never Running), fails whole or keeps only what it may with a reason
/// for every rejection, and the clean batch behind it runs.
/// </summary>
public sealed class HostileFileTests
{
    private static readonly string[] Samples =
    [
        "usage.csv", "openai-usage.json", "anthropic-usage.json", "bedrock-invocations.jsonl", "litellm-spend.csv", "otel-genai-spans.json",
        "compute-usage.csv", "anthropic-cost-report.json", "openai-costs.json", "focus-bill.csv", "usage.jsonl",
    ];

    private static readonly string[] Variants =
        ["empty", "gzip cut short", "gzip damaged", "zip signature only", "latin-1", "cut mid-file", "10,000-character model", "year 0001", "binary"];

    public static readonly TheoryData<string, string> Cases = Matrix();

    private static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in Samples)
        {
            foreach (var variant in Variants)
            {
                data.Add(sample, variant);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_file_ends_alone_with_its_reason_and_the_next_batch_runs(string sample, string variant)
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(SamplePath("prices.csv")));
        var clean = await SampleBytesAsync(sample);
        var format = UsageFormats.Detect(Encoding.UTF8.GetString(clean));
        var hostile = Make(variant, clean);
        var service = bed.Ingestion();
        var name = $"hostile-{sample}";

        var queued = await service.QueueFileAsync(new MemoryStream(hostile), name, "test", CancellationToken.None, format);
        var next = await service.QueueFileAsync(new MemoryStream(clean), sample, "test", CancellationToken.None, format);
        await service.RunPendingAsync(CancellationToken.None);
        bed.Db.ChangeTracker.Clear();

        var batch = await bed.Db.IngestionBatches.Include(b => b.RejectedRows).SingleAsync(b => b.Id == queued.Id);
        batch.Status.ShouldNotBe(IngestionStatus.Running);
        batch.Status.ShouldNotBe(IngestionStatus.Queued);
        if (batch.Status == IngestionStatus.Failed)
        {
            batch.Error.ShouldNotBeNull().ShouldStartWith($"{name}: ");
            (await bed.Db.UsageRecords.CountAsync(r => r.IngestionBatchId == batch.Id)).ShouldBe(0);
            (await bed.Db.CostLines.CountAsync(l => l.IngestionBatchId == batch.Id)).ShouldBe(0);
            batch.RowsAccepted.ShouldBe(0);
        }
        batch.RejectedRows.ShouldAllBe(r => r.Reason.Length > 0);
        var expectedFailure = variant switch
        {
            "empty" => UsageIngestionService.EmptyFile,
            "gzip cut short" => "incomplete gzip file",
            "gzip damaged" => "gzip",
            "zip signature only" => "not a readable one",
            "latin-1" => "is not UTF-8 text",
            "binary" => "binary file",
            _ => null,
        };
        if (expectedFailure is not null)
        {
            batch.Status.ShouldBe(IngestionStatus.Failed,
                $"{batch.Error} {batch.Notes}; {batch.RowsAccepted} accepted, {batch.RowsRejected} rejected: {string.Join("; " +
                "", batch.RejectedRows.Select(r => r.Reason))}");
            batch.Error!.ShouldContain(expectedFailure);
        }
        if (variant == "10,000-character model")
        {
            batch.RejectedRows.ShouldNotBeEmpty();
            batch.RejectedRows.ShouldAllBe(r => r.Reason.Contains("characters long") || r.Reason.Contains("64 KB"));
        }
        if (variant == "year 0001")
        {
            batch.RejectedRows.ShouldNotBeEmpty();
            (await bed.Db.UsageRecords.AnyAsync(r => r.OccurredAt < UsageLimits.Earliest)).ShouldBeFalse();
        }
        (await bed.Db.UsageRecords.AnyAsync(r => r.Model.Length > UsageLimits.NameLength || r.Team.Length > UsageLimits.NameLength)).ShouldBeFalse();

        var after = await bed.Db.IngestionBatches.SingleAsync(b => b.Id == next.Id);
        after.Status.ShouldBe(IngestionStatus.Succeeded, after.Error);
        after.RowsAccepted.ShouldBeGreaterThan(0);
        var totals = await bed.TotalsAsync();
        (totals.HourlyInput, totals.MonthlyInput, totals.HourlyCost, totals.MonthlyCost).ShouldBe((totals.Input, totals.Input, totals.Cost, totals.Cost));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "gzip damaged")]
    [InlineData(DatabaseProvider.Sqlite, "gzip cut short")]
    [InlineData(DatabaseProvider.Postgres, "gzip damaged")]
    [InlineData(DatabaseProvider.Postgres, "gzip cut short")]
    public async Task A_file_that_breaks_after_chunks_have_committed_fails_and_leaves_nothing_stored(DatabaseProvider provider, string variant)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(SamplePath("prices.csv")));
        var rows = new StringBuilder("timestamp,provider,model,team,input_tokens,output_tokens\n");
        for (var i = 0; i < 6_000; i++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"2026-04-{1 + i % 28:00}T{i % 24:00}:{i % 60:00}:00Z,openai,gpt-4o,team-{i % 7},{1000 + i},{i % 500}\n");
        }
        var gzip = Gzip(Encoding.UTF8.GetBytes(rows.ToString()));
        // Broken in its last part, after the first chunks have been read and committed.
        var hostile = variant == "gzip cut short" ? gzip[..(gzip.Length * 19 / 20)] : Damage95(gzip);

        var batch = await bed.IngestAsync(hostile, "usage.csv.gz", new IngestionOptions { ChunkRows = 500 });

        batch.Status.ShouldBe(IngestionStatus.Failed);
        batch.Error.ShouldNotBeNull().ShouldStartWith("usage.csv.gz: ");
        batch.Error.ShouldContain("gzip");
        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(0);
        (await bed.Db.HourlyRollups.CountAsync()).ShouldBe(0);
        (await bed.Db.DailyRollups.CountAsync()).ShouldBe(0);
        (await bed.Db.MonthlyRollups.CountAsync()).ShouldBe(0);
        (batch.RowsAccepted, batch.RowsCommitted).ShouldBe((0L, 0L));
        // Run again (as a resume would): it stays failed, and still stores nothing.
        await bed.Ingestion().RunPendingAsync(CancellationToken.None);
        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Counts_that_would_wrap_are_rejected_and_totals_that_would_pass_the_largest_count_fail_the_batch()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(await File.ReadAllTextAsync(SamplePath("prices.csv")));
        const string header = "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,cache_write_5m_tokens,cache_write_1h_tokens\n";

        // The sum of the cache writes wraps to a small number unless it is checked.
        var wrapped = await bed.IngestAsync(header + "2026-04-01T10:00:00Z,openai,gpt-4o,a,10,1,0,9223372036854775807,9223372036854775807\n" +
                                            "2026-04-01T10:00:00Z,openai,gpt-4o,a,2000000000000,1,0,0,0\n" +
                                            "2026-04-01T10:00:00Z,openai,gpt-4o,a,1000,1,0,0,0\n", "wrap.csv");
        (wrapped.Status, wrapped.RowsAccepted, wrapped.RowsRejected).ShouldBe((IngestionStatus.Succeeded, 1L, 2L));
        var reasons = await bed.Db.RejectedRows.OrderBy(r => r.LineNumber).Select(r => r.Reason).ToListAsync();
        reasons[0].ShouldContain("exceed input_tokens 10");
        reasons[1].ShouldContain("over the limit of 1,000,000,000,000 a row");

        // With the ceiling lifted, two rows of one hour pass the largest count together: the batch fails whole.
        var lifted = new IngestionOptions { MaxTokensPerRow = long.MaxValue };
        var overflow = await bed.IngestAsync(header + "2026-04-02T10:00:00Z,openai,gpt-4o,a,5000000000000000000,1,0,0,0\n" +
                                             "2026-04-02T10:05:00Z,openai,gpt-4o,a,5000000000000000000,1,0,0,0\n", "overflow.csv", lifted);
        overflow.Status.ShouldBe(IngestionStatus.Failed);
        overflow.Error.ShouldNotBeNull().ShouldContain("largest count");
        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(1);
        (await bed.Db.MonthlyRollups.SumAsync(r => r.InputTokens)).ShouldBe(1000);
    }

    private static byte[] Damage95(byte[] compressed)
    {
        var damaged = (byte[])compressed.Clone();
        for (var i = damaged.Length * 19 / 20; i < damaged.Length * 19 / 20 + 16; i++)
        {
            damaged[i] ^= 0x5A;
        }
        return damaged;
    }

    /// <summary>The sample's bytes; <c>usage.jsonl</c> is the usage CSV's rows as JSON Lines.</summary>
    private static async Task<byte[]> SampleBytesAsync(string sample) => sample == "usage.jsonl"
        ? Encoding.UTF8.GetBytes("""
            {"timestamp":"2026-04-01T10:00:00Z","provider":"openai","model":"gpt-4o","team":"support","input_tokens":1000,"output_tokens":100}
            {"timestamp":"2026-04-01T11:00:00Z","provider":"openai","model":"gpt-4o","team":"search","input_tokens":2000,"output_tokens":50,"cached_tokens":500}

            """)
        : await File.ReadAllBytesAsync(SamplePath(sample));

    private static string SamplePath(string file) => Path.Combine(TestEnvironment.RepositoryRoot, "samples", file);

    internal static byte[] Make(string variant, byte[] clean) => variant switch
    {
        "empty" => [],
        "gzip cut short" => Gzip(clean)[..^12],
        "gzip damaged" => Damage(Gzip(Repeat(clean, 40))),
        "zip signature only" => [.. "PK\u0003\u0004"u8, .. Encoding.ASCII.GetBytes("not really an archive at all")],
        // An é written as Latin-1 in the middle of a name.
        "latin-1" => Replace(clean, "gpt-4o", [.. "gpt-4"u8, 0xE9]) is var latin && !latin.SequenceEqual(clean)
            ? latin : Replace(clean, "claude", [.. "claud"u8, 0xE9]),
        "cut mid-file" => clean[..(clean.Length * 3 / 5)],
        "10,000-character model" => Replace(Replace(Replace(clean, "gpt-4o", Encoding.UTF8.GetBytes(new string('x', 10_000))),
            "claude", Encoding.UTF8.GetBytes(new string('y', 10_000))), "llama", Encoding.UTF8.GetBytes(new string('z', 10_000))),
        "year 0001" => Replace(Replace(Replace(Replace(clean, "2026-", "0001-"u8.ToArray()), "1775001600", "-62135596800"u8.ToArray()),
            "177", "-62"u8.ToArray()), "2026-03-01", "0001-03-01"u8.ToArray()),
        "binary" => [.. Enumerable.Range(0, 600).Select(i => (byte)(i % 7 == 0 ? 0 : i * 31))],
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    private static byte[] Repeat(byte[] bytes, int times) => [.. Enumerable.Repeat(bytes, times).SelectMany(b => b)];

    private static byte[] Replace(byte[] bytes, string find, byte[] with) =>
        Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes).Replace(find, Encoding.Latin1.GetString(with), StringComparison.Ordinal));

    internal static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }

    /// <summary>Flips bytes in the compressed data's last part, well past its header.</summary>
    internal static byte[] Damage(byte[] compressed)
    {
        var damaged = (byte[])compressed.Clone();
        for (var i = damaged.Length * 3 / 4; i < damaged.Length * 3 / 4 + 16; i++)
        {
            damaged[i] ^= 0x5A;
        }
        return damaged;
    }
}
