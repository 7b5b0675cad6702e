using System.IO.Compression;
using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage.Formats;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Ingestion;

/// <summary>Files that are broken, oddly encoded or hostile: each gets a clear message and stores nothing it should not.</summary>
public sealed class BadInputTests
{
    private const string Prices = """
        provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from
        openai,gpt-4o,2.50,10.00,1.25,2026-01-01
        """;

    private const string Usage = """
        timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
        2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,100000,0
        2026-04-02T11:00:00Z,openai,gpt-4o,search,2000000,0,0
        """;

    private static async Task<IngestionTestBed> BedAsync()
    {
        var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(Prices);
        return bed;
    }

    [Theory]
    [InlineData("utf-8 with BOM")]
    [InlineData("utf-16 with BOM")]
    [InlineData("utf-16 without BOM")]
    [InlineData("gzip")]
    [InlineData("zip")]
    public async Task Encoded_and_compressed_logs_are_read_like_plain_ones(string form)
    {
        await using var bed = await BedAsync();
        var bytes = form switch
        {
            "utf-8 with BOM" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Usage)],
            "utf-16 with BOM" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Usage)],
            "utf-16 without BOM" => Encoding.Unicode.GetBytes(Usage),
            "gzip" => Gzip(Encoding.UTF8.GetBytes(Usage)),
            _ => Zip("usage.csv", Encoding.UTF8.GetBytes(Usage)),
        };
        var batch = await bed.IngestAsync(bytes, "usage.upload");
        (batch.Status, batch.RowsAccepted, batch.RowsRejected).ShouldBe((IngestionStatus.Succeeded, 2L, 0L));
        // 1,000,000 × 2.50 + 100,000 × 10 + 2,000,000 × 2.50, per million
        (await bed.TotalsAsync()).Cost.ShouldBe(8.50m);
    }

    [Fact]
    public async Task A_compressed_file_that_expands_a_thousandfold_is_refused_and_stores_nothing()
    {
        await using var bed = await BedAsync();
        var header = Encoding.UTF8.GetBytes("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n");
        var bomb = Gzip([.. header, .. new byte[20 * 1024 * 1024]]);
        ((header.Length + 20L * 1024 * 1024) / bomb.Length).ShouldBeGreaterThan(1000);

        var batch = await bed.IngestAsync(bomb, "bomb.csv.gz");

        batch.Status.ShouldBe(IngestionStatus.Failed);
        batch.Error!.ShouldContain("decompression bomb");
        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_binary_file_is_refused_as_not_text()
    {
        await using var bed = await BedAsync();
        var binary = new byte[4096];
        new Random(3).NextBytes(binary);
        binary[10] = 0;
        binary[11] = 0;
        binary[13] = 0;
        var batch = await bed.IngestAsync(binary, "image.csv");
        batch.Status.ShouldBe(IngestionStatus.Failed);
        batch.Error!.ShouldContain("image.csv: is a binary file, not a text log");
    }

    [Fact]
    public async Task A_file_separated_by_semicolons_is_told_to_use_commas()
    {
        await using var bed = await BedAsync();
        var batch = await bed.IngestAsync(Usage.Replace(',', ';'), "excel.csv");
        batch.Status.ShouldBe(IngestionStatus.Failed);
        batch.Error!.ShouldContain("separated by ';'; save the file with commas between columns");
    }

    [Theory]
    [InlineData("""{"invoices": [{"total": 12}]}""")]
    [InlineData("""{"object": "page", "data": 7}""")]
    [InlineData("""[{"when": "2026-04-01T00:00:00Z", "tokens": 5}]""")]
    public async Task A_json_file_that_is_not_usage_fails_saying_it_is_json_of_no_known_shape_and_what_to_do(string json)
    {
        await using var bed = await BedAsync();
        UsageFormats.Detect(json).ShouldBe(UsageFormats.UnrecognisedJson);

        var batch = await bed.IngestAsync(json, "usage.csv");

        batch.Status.ShouldBe(IngestionStatus.Failed);
        batch.Error.ShouldBe($"usage.csv: {UsageFormats.UnrecognisedJsonReason}");
        (await bed.Db.UsageRecords.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Non_numeric_and_negative_tokens_and_missing_columns_reject_their_rows_only()
    {
        await using var bed = await BedAsync();
        var batch = await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-04-02T10:00:00Z,openai,gpt-4o,support,lots,100,0
            2026-04-02T10:00:00Z,openai,gpt-4o,support,100,-5,0
            2026-04-02T10:00:00Z,openai,gpt-4o
            2026-04-02T12:00:00Z,openai,gpt-4o,support,1000000,0,0
            """);
        (batch.Status, batch.RowsAccepted, batch.RowsRejected).ShouldBe((IngestionStatus.Succeeded, 1L, 3L));
        var reasons = await bed.Db.RejectedRows.OrderBy(r => r.LineNumber).Select(r => $"{r.LineNumber} {r.Column} {r.Reason}").ToListAsync();
        reasons.ShouldBe(["2 input_tokens 'lots' is not a whole number", "3 output_tokens -5 is negative", "4 team is empty"]);
    }

    [Fact]
    public async Task A_ten_megabyte_line_is_rejected_and_the_rows_around_it_land()
    {
        await using var bed = await BedAsync();
        var csv = "timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,project\n" +
            "2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,100000,0,a\n" +
            $"2026-04-02T10:30:00Z,openai,gpt-4o,support,5,5,0,{new string('x', 10 * 1024 * 1024)}\n" +
            "2026-04-02T11:00:00Z,openai,gpt-4o,search,2000000,0,0,b\n";
        var batch = await bed.IngestAsync(csv, "huge-line.csv");
        (batch.Status, batch.RowsAccepted, batch.RowsRejected).ShouldBe((IngestionStatus.Succeeded, 2L, 1L));
        var rejected = await bed.Db.RejectedRows.SingleAsync();
        (rejected.LineNumber, rejected.Reason).ShouldBe((3L, "a field is longer than 65,536 characters; the rest of the line was skipped"));
        (await bed.TotalsAsync()).Cost.ShouldBe(8.50m);
    }

    private static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }

    private static byte[] Zip(string name, byte[] content)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry(name).Open())
        {
            entry.Write(content);
        }
        return output.ToArray();
    }
}
