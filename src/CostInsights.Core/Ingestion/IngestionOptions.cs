using System.ComponentModel.DataAnnotations;

namespace CostInsights.Core.Ingestion;

/// <summary>The <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Uploads larger than this are refused before they are read.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>At most this many rejected rows are kept per batch; all are counted.</summary>
    [Range(1, 1_000_000)]
    public int MaxRejectedRowsKept { get; set; } = 10_000;

    /// <summary>
    /// A folder whose new files are queued for ingestion, each once, then moved to its <c>processed</c>
    /// subfolder; none when empty.
    /// </summary>
    public string? WatchFolder { get; set; }

    /// <summary>
    /// Rows read between commits: each chunk commits with its records, rollups and the batch's resume
    /// point, and a batch cut off resumes after its last chunk. Memory does not grow with it (records
    /// are stored as they come; SQLite writes what outgrows its page cache to its log before the
    /// commit): a larger chunk means fewer commits, and more to read again after a crash.
    /// </summary>
    [Range(100, 10_000_000)]
    public int ChunkRows { get; set; } = 500_000;

    /// <summary>
    /// A gzip or zip upload is refused once it has expanded to this many times its compressed size:
    /// logs compress 5 to 30 times; a decompression bomb a thousand.
    /// </summary>
    [Range(2, 100_000)]
    public int MaxExpansion { get; set; } = 200;

    /// <summary>
    /// The most tokens (of each kind) or requests one row may count; a row over it is rejected. A
    /// trillion is more than any real request or daily bucket holds, and keeps every sum of a month's
    /// rows far from the largest number a count can hold.
    /// </summary>
    [Range(1, 1_000_000_000_000_000)]
    public long MaxTokensPerRow { get; set; } = 1_000_000_000_000;

    /// <summary>Rows stamped later than now plus this much are rejected as being in the future.</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromDays(1);
}
