using CostInsights.Core;
using CostInsights.Core.Anomalies;
using CostInsights.Web.Features.Jobs;

namespace CostInsights.Web.Features.Anomalies;

/// <summary>The daily anomaly scan over the last two weeks of complete days.</summary>
public sealed class AnomalyScanJob(AnomalyDetector detector) : IJob
{
    public const int Days = 14;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var found = await detector.ScanAsync(Days, cancellationToken);
        return found.Count == 0 ? "no unusual day"
            : $"{Amounts.Count(found.Count, "unusual day")}: {string.Join(", ", found.Select(a => a.Day.ToString("yyyy-MM-dd")))}";
    }
}
