using System.Globalization;

namespace CostInsights.Forecasting.Evaluation;

/// <summary>
/// A benchmark series split into the part a method sees and the part it must forecast, with the calendar month (1 to 12) of
/// its first period to forecast where the file gives months.
/// </summary>
public sealed record BenchmarkSeries(string Id, double[] Train, double[] Test, int? Month = null)
{
    /// <summary>
    /// The series with its test part left out and the last as many periods of its training part to forecast instead: where
    /// settings are chosen without looking at the test part. Null when the training part is not longer than that.
    /// </summary>
    public BenchmarkSeries? Validation() => Train.Length > Test.Length
        ? new(Id, Train[..^Test.Length], Train[^Test.Length..], Month is { } m ? ((m - 1 - Test.Length) % 12 + 12) % 12 + 1 : null)
        : null;
}

/// <summary>
/// Reads the long CSV of forecasting benchmarks: columns <c>series_id</c>, <c>split</c> (train or
/// test), <c>t</c> and <c>value</c>, and optionally <c>month</c> (1 to 12), in any order, other columns
/// ignored. A series' horizon is its number of test rows.
/// </summary>
public static class SeriesSet
{
    public static IReadOnlyList<BenchmarkSeries> ReadLongCsv(TextReader reader)
    {
        var header = reader.ReadLine()?.Split(',') ?? throw new FormatException("the file is empty");
        int Column(string name) => Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i
            : throw new FormatException($"missing column '{name}'; the header is {string.Join(",", header)}");
        var (id, split, t, value) = (Column("series_id"), Column("split"), Column("t"), Column("value"));
        var month = Array.FindIndex(header, h => h.Trim().Equals("month", StringComparison.OrdinalIgnoreCase));
        var series = new Dictionary<string, (List<(int T, double V)> Train, List<(int T, double V)> Test)>(StringComparer.Ordinal);
        var months = new Dictionary<string, (int T, int Month)>(StringComparer.Ordinal);
        var order = new List<string>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }
            var fields = text.Split(',');
            if (fields.Length < header.Length)
            {
                throw new FormatException($"line {line}: {fields.Length} fields where the header has {header.Length}");
            }
            if (!int.TryParse(fields[t], NumberStyles.Integer, CultureInfo.InvariantCulture, out var time)
                || !double.TryParse(fields[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new FormatException($"line {line}: t '{fields[t]}' or value '{fields[value]}' is not a number");
            }
            if (!double.IsFinite(v))
            {
                throw new FormatException($"line {line}: value '{fields[value]}' is not a finite number");
            }
            if (!series.TryGetValue(fields[id], out var parts))
            {
                parts = ([], []);
                series[fields[id]] = parts;
                order.Add(fields[id]);
            }
            if (month >= 0 && fields[split].Trim() == "test")
            {
                if (!int.TryParse(fields[month], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
                {
                    throw new FormatException($"line {line}: month '{fields[month]}' is not a month from 1 to 12");
                }
                if (!months.TryGetValue(fields[id], out var first) || time < first.T)
                {
                    months[fields[id]] = (time, m);
                }
            }
            (fields[split].Trim() switch
            {
                "train" => parts.Train,
                "test" => parts.Test,
                var other => throw new FormatException($"line {line}: split '{other}' is neither train nor test"),
            }).Add((time, v));
        }
        return [.. order.Select(key => new BenchmarkSeries(key,
            [.. series[key].Train.OrderBy(p => p.T).Select(p => p.V)],
            [.. series[key].Test.OrderBy(p => p.T).Select(p => p.V)],
            months.TryGetValue(key, out var first) ? first.Month : null))];
    }
}
