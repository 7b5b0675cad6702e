using System.Text.Json;

namespace CostInsights.Web.Features.Shell;

/// <summary>What an upload endpoint answered, in words for the page: its message, or why it refused the file (every reason, when it gave several).</summary>
public sealed record UploadResult(bool Succeeded, string Message, long? Id)
{
    public IReadOnlyList<string> Errors { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="status">The HTTP status; 0 when the request did not reach the server.</param>
    /// <param name="body">The answer: the endpoint's JSON, or a problem's.</param>
    /// <param name="maxBytes">The configured upload limit, to name it when the file is over it.</param>
    public static UploadResult From(int status, string body, long maxBytes)
    {
        if (status == 0)
        {
            return new(false, "The upload did not reach the server: check the connection and try again.", null);
        }
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            return new(false, $"The file is larger than uploads may be ({Ingestion.UploadLimits.Describe(maxBytes)}).", null);
        }
        try
        {
            using var answer = JsonDocument.Parse(body);
            var root = answer.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (status is >= 200 and < 300)
            {
                return new(true, Text("message") ?? "Uploaded.", root.TryGetProperty("id", out var id) && id.TryGetInt64(out var n) ? n : null);
            }
            return new(false, Text("detail") ?? Text("title") ?? $"The upload was refused ({status}).", null)
            {
                Errors = root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                    ? [.. errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                    : [],
            };
        }
        catch (JsonException)
        {
            return new(false, status == StatusCodes.Status400BadRequest
                ? "The upload was refused: reload the page and try again."
                : $"The upload failed ({status}); the server's log says why.", null);
        }
    }
}
