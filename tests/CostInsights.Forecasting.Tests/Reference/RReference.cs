using System.Globalization;
using System.IO.Compression;

namespace CostInsights.Forecasting.Tests.Reference;

/// <summary>One method's forecast of one series by R's forecast package: the model it chose, its points and 80%/95% bounds.</summary>
internal sealed record RForecast(string SeriesId, string Method, string Model, double? Aicc, double[] Point, double[] Lo80, double[] Hi80,
    double[] Lo95, double[] Hi95);

/// <summary>
/// The reference forecasts that <c>tools/r-reference/reference.R</c> wrote (R 4.2.2, forecast 8.20): ets(), thetaf() and
/// auto.arima() on each series of a benchmark, stored beside these tests as compressed CSV.
/// </summary>
internal static class RReference
{
    private static readonly Lazy<IReadOnlyDictionary<(string Series, string Method), RForecast>> M3 = new(() => Read("r-m3-monthly.csv.gz"));
    private static readonly Lazy<IReadOnlyDictionary<(string Series, string Method), RForecast>> M1 = new(() => Read("r-m1-monthly.csv.gz"));

    public static IReadOnlyDictionary<(string Series, string Method), RForecast> M3Monthly => M3.Value;

    public static IReadOnlyDictionary<(string Series, string Method), RForecast> M1Monthly => M1.Value;

    private static IReadOnlyDictionary<(string Series, string Method), RForecast> Read(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Reference", file)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        reader.ReadLine();
        var rows = new List<string[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            rows.Add(Fields(line));
        }
        static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return rows
            .GroupBy(r => (r[0], r[1]))
            .ToDictionary(g => g.Key, g =>
            {
                var steps = g.OrderBy(r => int.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
                return new RForecast(g.Key.Item1, g.Key.Item2, steps[0][2], steps[0][3] == "NA" ? null : Number(steps[0][3]),
                    [.. steps.Select(r => Number(r[5]))], [.. steps.Select(r => Number(r[6]))], [.. steps.Select(r => Number(r[7]))],
                    [.. steps.Select(r => Number(r[8]))], [.. steps.Select(r => Number(r[9]))]);
            });
    }

    /// <summary>The fields of one line of R's <c>write.csv</c>: text in double quotes (which may hold commas), numbers bare.</summary>
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var end = line.IndexOf('"', i + 1);
                fields.Add(line[(i + 1)..end]);
                i = end + 2;
            }
            else
            {
                var end = line.IndexOf(',', i);
                end = end < 0 ? line.Length : end;
                fields.Add(line[i..end]);
                i = end + 1;
            }
        }
        return [.. fields];
    }
}
