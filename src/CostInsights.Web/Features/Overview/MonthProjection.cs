namespace CostInsights.Web.Features.Overview;

/// <summary>The current month's spend projected to its end, and what the projection rests on, in words.</summary>
public sealed record MonthProjection(decimal Amount, string Basis)
{
    public const int RunRateDays = 7;

    /// <summary>
    /// Month to date, plus the days left at the forecast's rate for this month when there is one, else
    /// at the rate of the last <see cref="RunRateDays"/> whole UTC days (today is not over, and its hours so far would
    /// weigh as a whole day). Never the days so far stretched to the month:
    /// on its first days that projects a whole month from a few hours.
    /// </summary>
    /// <param name="forecastForMonth">The newest forecast's spend for this whole month, if it has one.</param>
    /// <param name="lastDays">Spend over the <see cref="RunRateDays"/> whole days before today.</param>
    public static MonthProjection Project(DateTime now, decimal monthToDate, decimal? forecastForMonth, decimal lastDays)
    {
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var days = (decimal)DateTime.DaysInMonth(now.Year, now.Month);
        var left = days - (decimal)(now - start).TotalDays;
        var daysLeft = Math.Round(left, 1);
        return forecastForMonth is { } forecast
            ? new(Math.Round(monthToDate + forecast / days * left, 2), $"month to date plus the forecast's rate for the {daysLeft:0.#} days left")
            : new(Math.Round(monthToDate + lastDays / RunRateDays * left, 2),
                $"month to date plus the last {RunRateDays} whole days' rate for the {daysLeft:0.#} days left");
    }
}
