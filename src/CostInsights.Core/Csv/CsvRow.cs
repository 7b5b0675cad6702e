namespace CostInsights.Core.Csv;

/// <summary>One record of a CSV file, with the line it starts on.</summary>
public sealed record CsvRow(long LineNumber, IReadOnlyList<string> Fields)
{
    /// <summary>Why the record could not be read whole (a field too long); its fields are then incomplete.</summary>
    public string? Problem { get; init; }
}

/// <summary>A file that cannot be read as CSV at all, with where it broke.</summary>
public sealed class CsvFormatException(string message, long lineNumber) : Exception(message)
{
    public long LineNumber { get; } = lineNumber;
}
