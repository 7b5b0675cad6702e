using System.Text.Json;

namespace CostInsights.Core.Forecasts;

/// <summary>One month of a forecast: the point and its 80% and 95% bounds.</summary>
public sealed record ForecastPoint(DateTime Month, decimal Point, decimal Lower80, decimal Upper80, decimal Lower95, decimal Upper95)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ForecastPoint Scale(decimal factor) =>
        new(Month, Point * factor, Lower80 * factor, Upper80 * factor, Lower95 * factor, Upper95 * factor);

    public static string Serialize(IReadOnlyList<ForecastPoint> points) => JsonSerializer.Serialize(points, Json);

    public static IReadOnlyList<ForecastPoint> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<ForecastPoint>>(json, Json) ?? [];
}
