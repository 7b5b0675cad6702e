namespace CostInsights.Forecasting.Arima;

/// <summary>
/// A fitted ARIMA model: its coefficients in R's order (ar, ma, sar, sma, then the mean or drift), the innovation variance,
/// the log-likelihood and AIC (NaN when fitted by conditional sum of squares), the coefficients' covariance (null where it
/// cannot be estimated, computed when first asked for), the state
/// space filtered to the end of the history, and the standardised one-step residuals.
/// </summary>
internal sealed record ArimaFit(ArimaOrder Order, double[] Coefficients, double Sigma2, double LogLikelihood, double Aic, Lazy<double[,]?> Covariance,
    StateSpace Model, double[] Residuals, int Used, int Length)
{
    /// <summary>
    /// Point forecasts and their standard errors for <paramref name="horizon"/> periods (R's <c>predict.Arima</c>), the
    /// mean or drift added back, with the innovation variance <paramref name="sigma2"/>.
    /// </summary>
    public (double[] Mean, double[] StandardError) Forecast(int horizon, double sigma2)
    {
        var (mean, variance) = Model.Forecast(horizon);
        var regressor = Order.HasDrift ? 1 : Order.HasMean ? 0 : -1;
        if (regressor >= 0)
        {
            var beta = Coefficients[Order.ArmaCount];
            for (var h = 0; h < horizon; h++)
            {
                mean[h] += beta * (regressor == 1 ? Length + h + 1 : 1);
            }
        }
        return (mean, [.. variance.Select(v => Math.Sqrt(v * sigma2))]);
    }
}
