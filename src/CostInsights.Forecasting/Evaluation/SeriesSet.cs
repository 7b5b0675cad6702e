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
    /// settings are chosen without looking at the test part. Fold 2 does the same again to that, forecasting the periods before
    /// them (a second, earlier fold), and so on. Null when the training part is not long enough to leave that many out.
    /// </summary>
    public BenchmarkSeries? Validation(int fold = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fold, 1);
        BenchmarkSeries? series = this;
        for (var k = 0; k < fold && series is not null; k++)
        {
            series = series.Train.Length > series.Test.Length ? series.HeldBack() : null;
        }
        return series;
    }

    private BenchmarkSeries HeldBack() =>
        new(Id, Train[..^Test.Length], Train[^Test.Length..], Month is { } m ? ((m - 1 - Test.Length) % 12 + 12) % 12 + 1 : null);
}

/// <summary>
/// Reads the long CSV of forecasting benchmarks: columns <c>series_id</c>, <c>split</c> (train or
/// test), <c>t</c> and <c>value</c>, and optionally <c>month</c> (1 to 12), in any order, other columns
/// ignored. A series' horizon is its number of test rows. Each series numbers its periods <c>t</c> one after another, the
/// test periods right after the training ones; a file that does not is refused with the series and the reason.
/// </summary>
public static class SeriesSet
{
    public static IReadOnlyList<BenchmarkSeries> ReadLongCsv(TextReader reader)
    {
        var header = reader.ReadLine() is { } top ? Fields(top) : throw new FormatException("the file is empty");
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
            var fields = Fields(text);
            if (fields.Length != header.Length)
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
        return [.. order.Select(key => Series(key, series[key].Train, series[key].Test, months.TryGetValue(key, out var first) ? first.Month : null))];
    }

    /// <summary>
    /// A line's fields, each without the double quotes around it that R's <c>write.csv</c> and spreadsheets add (a quote
    /// inside one is written twice). A field holding a comma is not taken: its line then has more fields than the header.
    /// </summary>
    private static string[] Fields(string line) =>
        [.. line.Split(',').Select(f => f.Trim() is ['"', .. var inner, '"'] ? inner.Replace("\"\"", "\"", StringComparison.Ordinal) : f)];

    /// <summary>
    /// One series from its rows: at least one training and one test period, each period once, the test periods right after
    /// the training periods, and none skipped.
    /// </summary>
    private static BenchmarkSeries Series(string id, List<(int T, double V)> train, List<(int T, double V)> test, int? month)
    {
        if (train.Count == 0 || test.Count == 0)
        {
            throw new FormatException($"series '{id}' has no {(train.Count == 0 ? "training" : "test")} periods");
        }
        train.Sort((a, b) => a.T.CompareTo(b.T));
        test.Sort((a, b) => a.T.CompareTo(b.T));
        var periods = train.Concat(test).Select(p => p.T).ToArray();
        for (var i = 1; i < periods.Length; i++)
        {
            var (before, period) = (periods[i - 1], periods[i]);
            if (period != before + 1)
            {
                throw new FormatException(period == before ? $"series '{id}' has period {period} twice"
                    : period < before ? $"series '{id}': test period {period} comes before its last training period, {before}"
                    : $"series '{id}' skips from period {before} to {period}; every period needs a value");
            }
        }
        return new BenchmarkSeries(id, [.. train.Select(p => p.V)], [.. test.Select(p => p.V)], month);
    }
}
