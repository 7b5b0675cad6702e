using System.Text.Json;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// The pages of a paginated admin API saved to a file: one JSON document, an array of them, or one
/// per line. Broken JSON is refused with the line it breaks on.
/// </summary>
internal static class JsonPages
{
    public static List<JsonDocument> Parse(string text)
    {
        try
        {
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith('['))
            {
                using var array = JsonDocument.Parse(text);
                return [.. array.RootElement.EnumerateArray().Select(p => JsonDocument.Parse(p.GetRawText()))];
            }
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length > 1 && lines.All(l => l.StartsWith('{'))
                ? [.. lines.Select(l => JsonDocument.Parse(l))]
                : [JsonDocument.Parse(text)];
        }
        catch (JsonException e)
        {
            throw new CsvFormatException($"not valid JSON at line {e.LineNumber + 1}: {e.Message.Split(" LineNumber", 2)[0]}", (e.LineNumber ?? 0) + 1);
        }
    }

    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Count(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
