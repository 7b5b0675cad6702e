namespace CostInsights.Forecasting.Evaluation;

/// <summary>
/// How far a method's sMAPE and MASE lie from a reference method's on the same benchmark, series by series: the mean of
/// each series' difference (below zero, the method forecast better) and that mean's standard error. Both methods face the
/// same series, so a series that is hard for one is hard for the other, and the paired difference is known far more
/// precisely than the two means apart: a difference smaller than about two standard errors may be chance.
/// </summary>
public sealed record PairedDifference(string Method, string Reference, int Series, Estimate Smape, Estimate Mase)
{
    /// <summary>
    /// The difference over the series both methods forecast. The scores must be of the same benchmark: as many series,
    /// in the same order.
    /// </summary>
    public static PairedDifference Of(MethodScore reference, MethodScore method)
    {
        if (reference.BySeries.Count != method.BySeries.Count)
        {
            throw new ArgumentException(
                $"{method.Method} was scored on {method.BySeries.Count} series and {reference.Method} on {reference.BySeries.Count}: " +
                "only scores of the same benchmark can be paired.", nameof(method));
        }
        var both = reference.BySeries.Zip(method.BySeries)
            .Where(p => p.First is not null && p.Second is not null)
            .Select(p => (Reference: p.First!, Method: p.Second!))
            .ToList();
        return new PairedDifference(method.Method, reference.Method, both.Count,
            Estimate.Of([.. both.Select(p => p.Method.Smape - p.Reference.Smape)]),
            Estimate.Of([.. both.Select(p => p.Method.Mase - p.Reference.Mase)]));
    }
}
