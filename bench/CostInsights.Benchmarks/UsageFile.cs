using System.Globalization;
using CostInsights.Core.Demo;
using CostInsights.Core.Usage;

namespace CostInsights.Benchmarks;

/// <summary>The usage the benchmarks read and ingest, generated the same way for each.</summary>
internal static class UsageFile
{
    private const int Teams = 12;

    /// <summary>The demo's models, which the generated usage is spread over.</summary>
    public static IReadOnlyList<(string Provider, string Model)> DemoModels(TimeProvider time) =>
        new DemoDataGenerator(time).PriceSheets()[0].Prices.Select(p => (p.Provider, p.Model)).Distinct().ToList();

    /// <summary>
    /// A month of requests in time order (a monthly log export), sized as the Azure trace's requests are, spread over the
    /// demo's models and a dozen teams, a fifth of them with cached input.
    /// </summary>
    public static IEnumerable<UsageRow> Rows(long count, IReadOnlyList<(string Provider, string Model)> models, DateTime start)
    {
        var random = new Random(42);
        var sizes = RequestSizeDistribution.LoadEmbedded();
        var step = TimeSpan.FromDays(30).Ticks / Math.Max(1, count);
        for (long i = 0; i < count; i++)
        {
            var (provider, model) = models[random.Next(models.Count)];
            var (input, output) = sizes.Sample(random);
            var cached = random.Next(5) == 0 ? input / 2 : 0;
            var at = new DateTime(start.Ticks + i * step, DateTimeKind.Utc);
            yield return new UsageRow(i + 2, new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc), provider, model,
                $"team-{random.Next(Teams)}",
                input, output, cached, 1, NaturalKeys.ForRequest(provider, $"req-{i}"), Project: $"project-{random.Next(40)}");
        }
    }

    public static async Task WriteAsync(string path, long count, IReadOnlyList<(string Provider, string Model)> models, DateTime start,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,request_id,project");
        long i = 0;
        foreach (var row in Rows(count, models, start))
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{row.OccurredAt:yyyy-MM-ddTHH:mm:ssZ},{row.Provider},{row.Model},{row.Team}," +
                $"{row.InputTokens},{row.OutputTokens},{row.CachedInputTokens},1,req-{i++},{row.Project}"));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
