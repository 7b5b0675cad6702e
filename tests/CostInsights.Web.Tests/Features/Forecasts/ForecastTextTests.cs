using CostInsights.Web.Features.Forecasts;

namespace CostInsights.Web.Tests.Features.Forecasts;

public sealed class ForecastTextTests
{
    [Theory]
    [InlineData("ets+arima+theta+lightgbm on volumes, priced", "Automatic, on the forecast volumes at their prices")]
    [InlineData("ets+theta", "Automatic")]
    [InlineData("drift on volumes, priced", "Drift (the last month plus the average change), on the forecast volumes at their prices")]
    [InlineData("snaive", "Seasonal naive (the same month a year before)")]
    [InlineData("ets", "ETS (exponential smoothing)")]
    [InlineData("damped", "Damped trend")]
    [InlineData("a method stored by a later version", "a method stored by a later version")]
    public void A_method_is_named_in_words(string method, string name) => ForecastText.MethodName(method).ShouldBe(name);
}
