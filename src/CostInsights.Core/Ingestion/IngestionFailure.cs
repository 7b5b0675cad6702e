using System.Text;
using System.Text.Json;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Ingestion;

/// <summary>The reason a batch failed, in words an admin can act on, from whatever stopped it.</summary>
public static class IngestionFailure
{
    /// <summary>The message for a failed batch: the file's name, where reading stopped when known, and why.</summary>
    public static string Describe(string fileName, Exception exception)
    {
        exception = Unwrapped(exception);
        var rowsRead = exception.Data[RowsReadKey] as long? ?? 0;
        var where = rowsRead > 0 ? $" (after row {rowsRead:N0})" : "";
        var reason = exception switch
        {
            UsageSourceException or CsvFormatException => exception.Message,
            DecoderFallbackException bad =>
                $"is not UTF-8 text{where}: {Bytes(bad.BytesUnknown)} cannot be read as UTF-8, as in a Latin-1 or Windows-1252 file; " +
                                            "save it as UTF-8 and upload it again. Nothing of it was stored",
            JsonException json =>
                $"is not valid JSON at line {json.LineNumber + 1}{where}: {json.Message.Split(" Path:")[0].TrimEnd('.')}. Nothing of it was stored",
            OverflowException => $"would make a total pass the largest count that can be stored{where}; no row of it was stored",
            InvalidDataException damaged => $"holds damaged compressed data{where} ({damaged.Message.TrimEnd('.')}); nothing of it was stored",
            _ => $"could not be read{where}: {exception.Message.TrimEnd('.')}. Nothing of it was stored; the details are in the log",
        };
        return $"{fileName}: {reason}";
    }

    /// <summary>
    /// Whether what stopped the batch is the file itself (broken, not UTF-8, not JSON, damaged, overflowing): its message says
    /// all there is. Anything else is a fault whose details belong in the log.
    /// </summary>
    public static bool IsTheFile(Exception exception) =>
        Unwrapped(exception) is UsageSourceException or CsvFormatException or DecoderFallbackException or JsonException or OverflowException
            or InvalidDataException;

    // The reading task's failure reaches the writer wrapped by the channel between them.
    private static Exception Unwrapped(Exception exception) =>
        exception is System.Threading.Channels.ChannelClosedException { InnerException: { } inner } ? inner : exception;

    private const string RowsReadKey = "CostInsights.RowsRead";

    /// <summary>Notes on an exception that stopped reading how many rows had been read before it, for its message.</summary>
    internal static void SetRowsRead(Exception exception, long rowsRead) => exception.Data[RowsReadKey] = rowsRead;

    private static string Bytes(byte[]? bytes) =>
        bytes is { Length: > 0 } ? $"byte {string.Join(" ", bytes.Select(b => $"0x{b:X2}"))}" : "a byte";
}
