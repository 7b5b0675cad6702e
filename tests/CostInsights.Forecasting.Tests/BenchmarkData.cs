using CostInsights.Forecasting.Evaluation;

namespace CostInsights.Forecasting.Tests;

/// <summary>The public benchmark data in ../shared/data beside the repository, read once.</summary>
internal static class BenchmarkData
{
    private static readonly Lazy<IReadOnlyList<BenchmarkSeries>> M3 = new(() =>
    {
        using var reader = File.OpenText(Path.Combine(SharedData, "forecasting", "m3_monthly_long.csv"));
        return SeriesSet.ReadLongCsv(reader);
    });

    private static readonly Lazy<IReadOnlyList<BenchmarkSeries>> M1 = new(() =>
    {
        using var reader = File.OpenText(Path.Combine(SharedData, "forecasting", "m1_monthly_long.csv"));
        return SeriesSet.ReadLongCsv(reader);
    });

    public static IReadOnlyList<BenchmarkSeries> M3Monthly => M3.Value;

    public static IReadOnlyList<BenchmarkSeries> M1Monthly => M1.Value;

    public static double[] AirPassengers => [.. File.ReadLines(Path.Combine(SharedData, "forecasting", "airpassengers.csv")).Skip(1)
        .Select(l => double.Parse(l.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture))];

    private static string SharedData
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CostInsights.sln")))
            {
                dir = dir.Parent;
            }
            return Path.GetFullPath(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("CostInsights.sln not found"), "..", "shared", "data"));
        }
    }
}
