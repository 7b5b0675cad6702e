using CostInsights.Web.Features.Overview;

namespace CostInsights.Web.Tests.Features.Overview;

public sealed class MonthProjectionTests
{
    [Fact]
    public void On_the_first_morning_of_a_month_the_projection_follows_the_forecast_not_the_hours_so_far()
    {
        // 6 a.m. on 1 May: $2,252 so far against a forecast of $55,700 for May's 31 days.
        var projection = MonthProjection.Project(new DateTime(2026, 5, 1, 6, 0, 0, DateTimeKind.Utc), 2_252m, 55_700m, 9_000m);

        projection.Amount.ShouldBe(Math.Round(2_252m + 55_700m / 31m * 30.75m, 2));
        projection.Basis.ShouldBe("month to date plus the forecast's rate for the 30.8 days left");
    }

    [Fact]
    public void Without_a_forecast_for_the_month_the_last_seven_days_rate_carries_it_to_its_end()
    {
        // Noon on 10 June, 9.5 days gone: $1,000 so far, $1,400 over the last seven days.
        var projection = MonthProjection.Project(new DateTime(2026, 6, 10, 12, 0, 0, DateTimeKind.Utc), 1_000m, null, 1_400m);

        projection.Amount.ShouldBe(1_000m + 200m * 20.5m);
        projection.Basis.ShouldBe("month to date plus the last 7 whole days' rate for the 20.5 days left");
    }
}
