using System.Globalization;

namespace CostInsights.Core.Demo;

/// <summary>
/// Per-request input and output token counts drawn from a real inference trace (see the header
/// of request-sizes.csv), shipped with the product so the demo needs nothing at run time.
/// </summary>
public sealed class RequestSizeDistribution
{
    private readonly (long Input, long Output)[] _samples;

    private RequestSizeDistribution((long, long)[] samples)
    {
        _samples = samples;
        MeanInput = samples.Average(s => (double)s.Item1);
        MeanOutput = samples.Average(s => (double)s.Item2);
        StdInput = Math.Sqrt(samples.Average(s => Math.Pow(s.Item1 - MeanInput, 2)));
        StdOutput = Math.Sqrt(samples.Average(s => Math.Pow(s.Item2 - MeanOutput, 2)));
    }

    public double MeanInput { get; }
    public double MeanOutput { get; }
    public double StdInput { get; }
    public double StdOutput { get; }
    public int Count => _samples.Length;

    public (long Input, long Output) Sample(Random random) => _samples[random.Next(_samples.Length)];

    public static RequestSizeDistribution LoadEmbedded()
    {
        using var stream = typeof(RequestSizeDistribution).Assembly.GetManifestResourceStream("CostInsights.Core.Demo.request-sizes.csv")
            ?? throw new InvalidOperationException("The embedded request-size distribution is missing.");
        using var reader = new StreamReader(stream);
        var samples = new List<(long, long)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.StartsWith("input", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }
            var parts = line.Split(',');
            samples.Add((long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture)));
        }
        return new RequestSizeDistribution([.. samples]);
    }
}
