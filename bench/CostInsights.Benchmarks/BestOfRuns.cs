using System.Diagnostics;

namespace CostInsights.Benchmarks;

/// <summary>A read timed as the file benchmarks time it: once untimed (so it is compiled), then its best time of a few runs.</summary>
internal static class BestOfRuns
{
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
