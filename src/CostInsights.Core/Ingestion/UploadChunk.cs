namespace CostInsights.Core.Ingestion;

/// <summary>
/// A piece of an uploaded file kept in the database, so that on PostgreSQL any node can run the
/// batch whichever node received the upload. Removed once the batch has been ingested.
/// </summary>
public sealed class UploadChunk
{
    public long Id { get; set; }
    public long IngestionBatchId { get; set; }
    public int Sequence { get; set; }
    public required byte[] Data { get; set; }
}
