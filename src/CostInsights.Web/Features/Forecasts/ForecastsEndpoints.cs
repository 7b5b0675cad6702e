using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Jobs;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;
using CostInsights.Web.Features.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Forecasts;

/// <summary>One month of a stored forecast, as the API and the exports give it.</summary>
public sealed record ForecastRow(string Series, string Measure, string Month, decimal Point, decimal Lower80, decimal Upper80, decimal Lower95,
    decimal Upper95, string Method, DateTime RunAt);

public static class ForecastsEndpoints
{
    private static readonly string[] Headers = ["series", "measure", "month", "point", "lower_80", "upper_80", "lower_95", "upper_95", "method", "run_at_utc"];

    public static IEndpointRouteBuilder MapForecastsEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post from the Forecasts page: start a run now, then back to the page.
        app.MapPost("/forecasts/run", (JobStarter jobs) =>
        {
            jobs.Start(JobIds.Forecast);
            return Results.LocalRedirect("/forecasts?started=1");
        }).RequireAuthorization(AppPolicies.PlanSpend);

        // The page's export: the measure shown on the page (every measure when none is named), money as money and months as dates in XLSX.
        app.MapGet("/forecasts/export",
            async (string? series, string? measure, string? format, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        {
            series ??= SeriesKeys.Total;
            var rows = (await RowsAsync(db, series, cancellationToken))?.Where(r => measure is null || r.Measure == measure).ToList();
            if (rows is not { Count: > 0 })
            {
                return Results.NotFound();
            }
            object Amount(string m, decimal value) => ForecastMeasures.IsMoney(m) ? new UsdCell(value) : value;
            var cells = rows.Select(r => (IReadOnlyList<object?>)[r.Series, r.Measure,
                new MonthCell(DateTime.ParseExact(r.Month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
                Amount(r.Measure, r.Point), Amount(r.Measure, r.Lower80), Amount(r.Measure, r.Upper80), Amount(r.Measure, r.Lower95),
                    Amount(r.Measure, r.Upper95),
                r.Method, r.RunAt]);
            var name = "forecast-" + new string([.. series.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_')]);
            return string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)
                ? Results.File(TableExport.Xlsx("Forecast", Headers, cells), TableExport.XlsxContentType, name + ".xlsx")
                : Results.File(TableExport.Csv(Headers, cells), TableExport.CsvContentType, name + ".csv");
        }).RequireAuthorization(AppPolicies.ReadDashboards);

        var api = app.MapGroup("/api").WithTags("Forecasts");
        api.MapPost("/forecasts/runs", (JobStarter jobs) =>
            {
                jobs.Start(JobIds.Forecast);
                return TypedResults.Accepted("/api/forecasts/total",
                    new { message = "A forecast run has started; GET /api/forecasts/{series} gives its months when it is done." });
            })
            .RequireAuthorization(AppPolicies.WriteApi)
            .WithName("StartForecastRun")
            .WithSummary("Starts a forecast run now (finance, admins, or an API key scoped to write).");
        api.MapGet("/forecasts/{**series}", GetAsync)
            .RequireAuthorization(AppPolicies.ReadDashboards)
            .WithName("GetForecast")
            .WithSummary("The newest forecast run's months for a series (total, provider:X, model:P/M, team:T, provider-team:P/T), every measure; " +
                "?format=csv for CSV.");
        return app;
    }

    private static async Task<Results<Ok<List<ForecastRow>>, FileContentHttpResult, NotFound<ProblemDetails>>> GetAsync(
        string series, string? format, CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(db, series, cancellationToken);
        if (rows is null)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Title = "No forecast for that series",
                Detail = $"The newest forecast run has no series '{series}'. Series are named total, provider:X, model:P/M, team:T or provider-team:P/T.",
                Status = StatusCodes.Status404NotFound,
            });
        }
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.File(TableExport.Csv(Headers,
                rows.Select(r => (IReadOnlyList<object?>)[r.Series, r.Measure, r.Month, r.Point, r.Lower80, r.Upper80, r.Lower95, r.Upper95, r.Method,
                r.RunAt])),
                TableExport.CsvContentType, "forecast.csv");
        }
        return TypedResults.Ok(rows);
    }

    /// <summary>Every measure of the series in the newest run, month by month; null when the series is not in it.</summary>
    private static async Task<List<ForecastRow>?> RowsAsync(CostInsightsDbContext db, string series, CancellationToken cancellationToken)
    {
        var latest = await db.ForecastRuns.MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        var runs = latest is null ? [] : await db.ForecastRuns.AsNoTracking()
            .Where(r => r.CreatedAt == latest && r.Series == series)
            .ToListAsync(cancellationToken);
        if (runs.Count == 0)
        {
            return null;
        }
        return [.. runs.OrderBy(r => ForecastMeasures.All.ToList().IndexOf(r.Measure))
            .SelectMany(r =>
            {
                // Money to the cent; tokens and requests are whole.
                var digits = ForecastMeasures.IsMoney(r.Measure) ? 2 : 0;
                return ForecastPoint.Deserialize(r.PointsJson).Select(p => new ForecastRow(r.Series, r.Measure, p.Month.ToString("yyyy-MM"),
                    Math.Round(p.Point, digits), Math.Round(p.Lower80, digits), Math.Round(p.Upper80, digits), Math.Round(p.Lower95, digits),
                    Math.Round(p.Upper95, digits), r.Method, r.CreatedAt));
            })];
    }
}
