using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Jobs;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Exports;
using CostInsights.Web.Features.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CostInsights.Web.Features.Forecasts;

public static class ForecastsEndpoints
{
    public static IEndpointRouteBuilder MapForecastsEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post from the Forecasts page: start a run now, then back to the page.
        app.MapPost("/forecasts/run", (JobStarter jobs) =>
        {
            jobs.Start(JobIds.Forecast);
            return Results.LocalRedirect("/forecasts?started=1");
        }).RequireAuthorization(AppPolicies.PlanSpend);

        // The page's export: the measure shown on the page (every measure when none is named), money as money and months as dates in XLSX.
        // The workbook has the months' total on a sheet of its own; CSV, one table, has the months.
        app.MapGet("/forecasts/export",
            async (string? series, string? measure, string? format, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        {
            series ??= SeriesKeys.Total;
            var rows = await ForecastRows.LoadAsync(db, series, cancellationToken);
            var months = rows?.Months.Where(r => measure is null || r.Measure == measure).ToList();
            if (rows is null || months is not { Count: > 0 })
            {
                return Results.NotFound();
            }
            object? Amount(string m, decimal? value) => value is not { } v ? null : ForecastMeasures.IsMoney(m) ? new UsdCell(v) : v;
            MonthCell Month(string month) => new(DateTime.ParseExact(month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            var cells = months.Select(r => (IReadOnlyList<object?>)[r.Series, r.Measure, Month(r.Month),
                Amount(r.Measure, r.Point), Amount(r.Measure, r.Lower80), Amount(r.Measure, r.Upper80), Amount(r.Measure, r.Lower95),
                    Amount(r.Measure, r.Upper95),
                r.Method, r.RunAt]);
            var name = "forecast-" + new string([.. series.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_')]);
            var totals = rows.Totals.Where(r => measure is null || r.Measure == measure).Select(r => (IReadOnlyList<object?>)[r.Series, r.Measure,
                Month(r.FirstMonth), Month(r.LastMonth), r.Months, Amount(r.Measure, r.Total), Amount(r.Measure, r.Lower80),
                Amount(r.Measure, r.Upper80), Amount(r.Measure, r.Lower95), Amount(r.Measure, r.Upper95), r.Method, r.RunAt]);
            return TableExport.File(format, name, [new ExportSheet("Forecast", ForecastRows.MonthHeaders, cells),
                new ExportSheet("Total", ForecastRows.TotalHeaders, totals)]);
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
        api.MapGet("/forecast-totals/{**series}", GetTotalsAsync)
            .RequireAuthorization(AppPolicies.ReadDashboards)
            .WithName("GetForecastTotal")
            .WithSummary("The total of the newest forecast run's months for a series, every measure, with the total's own 80% and 95% " +
                "intervals (null where the run calibrated none; not its months' intervals added up); ?format=csv for CSV.");
        return app;
    }

    private static Task<Results<Ok<List<ForecastRow>>, FileContentHttpResult, NotFound<ProblemDetails>>> GetAsync(
        string series, string? format, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        SeriesAsync(series, format, db, rows => rows.Months, ForecastRows.MonthHeaders,
            r => [r.Series, r.Measure, r.Month, r.Point, r.Lower80, r.Upper80, r.Lower95, r.Upper95, r.Method, r.RunAt], "forecast.csv",
            cancellationToken);

    private static Task<Results<Ok<List<ForecastTotalRow>>, FileContentHttpResult, NotFound<ProblemDetails>>> GetTotalsAsync(
        string series, string? format, CostInsightsDbContext db, CancellationToken cancellationToken) =>
        SeriesAsync(series, format, db, rows => rows.Totals, ForecastRows.TotalHeaders,
            r => [r.Series, r.Measure, r.FirstMonth, r.LastMonth, r.Months, r.Total, r.Lower80, r.Upper80, r.Lower95, r.Upper95, r.Method, r.RunAt],
            "forecast-total.csv", cancellationToken);

    /// <summary>One table of a series in the newest run, as JSON or, asked for, CSV; 404 with the series' naming when it is not in the run.</summary>
    private static async Task<Results<Ok<List<T>>, FileContentHttpResult, NotFound<ProblemDetails>>> SeriesAsync<T>(string series, string? format,
        CostInsightsDbContext db, Func<ForecastRows, IReadOnlyList<T>> table, IReadOnlyList<string> headers, Func<T, IReadOnlyList<object?>> cells,
        string fileName, CancellationToken cancellationToken)
    {
        if (await ForecastRows.LoadAsync(db, series, cancellationToken) is not { } rows)
        {
            return NoSuchSeries(series);
        }
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.File(TableExport.Csv(headers, table(rows).Select(cells)), TableExport.CsvContentType, fileName)
            : TypedResults.Ok(table(rows).ToList());
    }

    private static NotFound<ProblemDetails> NoSuchSeries(string series) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "No forecast for that series",
        Detail = $"The newest forecast run has no series '{series}'. Series are named total, provider:X, model:P/M, team:T or provider-team:P/T.",
        Status = StatusCodes.Status404NotFound,
    });
}
