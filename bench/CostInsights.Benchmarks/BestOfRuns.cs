using System.Diagnostics;

namespace CostInsights.Benchmarks;

/// <summary>A read timed as the file benchmarks time it: once untimed (so it is compiled), then its best time of a few runs.</summary>
internal static class BestOfRuns
{
    /// <summary>Each named read measured in turn, in the order given (the first is the baseline the benchmarks compare with).</summary>
    public static List<(string Name, TimeSpan Best, long Allocated, T Result)> MeasureEach<T>(IEnumerable<(string Name, Func<T> Read)> reads,
        int runs, CancellationToken cancellationToken) =>
        [.. reads.Select(r =>
        {
            var (best, allocated, result) = Measure(r.Read, runs, cancellationToken);
            return (r.Name, best, allocated, result);
        })];

    /// <summary>The best time of <paramref name="runs"/>, what the last run allocated, and what it read.</summary>
    public static (TimeSpan Best, long Allocated, T Result) Measure<T>(Func<T> read, int runs, CancellationToken cancellationToken)
    {
        read();
        var best = TimeSpan.MaxValue;
        long allocated = 0;
        T result = default!;
        for (var run = 0; run < runs; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            result = read();
            best = watch.Elapsed < best ? watch.Elapsed : best;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        return (best, allocated, result);
    }
}
