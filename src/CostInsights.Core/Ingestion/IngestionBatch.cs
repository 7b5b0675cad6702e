namespace CostInsights.Core.Ingestion;

/// <summary>One file (or API post) of usage, ingested by a background job.</summary>
public sealed class IngestionBatch
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public required string Format { get; set; }
    /// <summary>The saved column mapping the file is read through, if any.</summary>
    public string? Mapping { get; set; }
    /// <summary>Where the uploaded file waits to be read, relative to the data folder.</summary>
    public string? StoredPath { get; set; }
    public long SizeBytes { get; set; }
    public IngestionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public required string CreatedBy { get; set; }
    public long RowsRead { get; set; }
    public long RowsAccepted { get; set; }
    public long RowsDuplicate { get; set; }
    public long RowsRejected { get; set; }
    /// <summary>Stored rows whose model had no price at their time.</summary>
    public long RowsUnpriced { get; set; }
    /// <summary>Rows of the source read and committed so far: a batch cut off resumes after them.</summary>
    public long RowsCommitted { get; set; }
    /// <summary>What the stored rows add up to: tokens, and cost under each billing scheme (cost lines add their amounts).</summary>
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal TokenCost { get; set; }
    public decimal ComputeCost { get; set; }
    /// <summary>Stored rows whose timestamp had no zone and was read as UTC.</summary>
    public long RowsZoneAssumed { get; set; }
    /// <summary>What the reader assumed or noticed, such as timestamps without a zone read as UTC.</summary>
    public string? Notes { get; set; }
    public string? Error { get; set; }
    public List<RejectedRow> RejectedRows { get; set; } = [];
}

public enum IngestionStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>A row that was not stored, with where and why.</summary>
public sealed class RejectedRow
{
    public long Id { get; set; }
    public long IngestionBatchId { get; set; }
    public long LineNumber { get; set; }
    public string? Column { get; set; }
    public required string Reason { get; set; }
}
