namespace CostInsights.Core.Csv;

/// <summary>
/// The rows of a CSV with a header, each read into a result or rejected: the header checked for
/// its required columns (a broken header, or an empty file, throws <see cref="CsvFormatException"/>),
/// then each row read, a bad cell or an unreadable row becoming a rejection with its line, column
/// and reason.
/// </summary>
internal static class CsvRecords
{
    /// <param name="transform">Applied to every row (the header first, told so) before it is read: a column mapping.</param>
    public static IEnumerable<T> Read<T>(TextReader reader, IReadOnlyList<string> requiredColumns, Func<CsvHeader, CsvRow, T> readRow,
        Func<long, string?, string, T> rejected, Func<CsvRow, bool, CsvRow>? transform = null)
    {
        CsvHeader? header = null;
        foreach (var read in new CsvStreamReader(reader).ReadAll())
        {
            var row = transform is null ? read : transform(read, header is null);
            if (header is null)
            {
                header = row.Problem is null
                    ? CsvHeader.Read(row, requiredColumns) : throw new CsvFormatException($"line {row.LineNumber}: the header is not readable: {row.Problem}",
                    row.LineNumber);
                continue;
            }
            if (row.Problem is not null)
            {
                yield return rejected(row.LineNumber, null, row.Problem);
                continue;
            }
            T result;
            try
            {
                result = readRow(header, row);
            }
            catch (CsvFieldException e)
            {
                result = rejected(row.LineNumber, e.Column, e.Reason);
            }
            yield return result;
        }
        if (header is null)
        {
            throw new CsvFormatException($"the file is empty; expected a header with {string.Join(", ", requiredColumns)}", 1);
        }
    }
}
