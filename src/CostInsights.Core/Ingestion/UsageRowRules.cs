using System.Globalization;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// The checks every usage row passes before it is priced, whatever format it was read from, so that
/// one limit holds for CSV, JSON and every provider's export alike.
/// </summary>
internal sealed class UsageRowRules(IngestionOptions options, DateTime latestAllowed)
{
    /// <summary>The column and reason the row is refused for, or null when it may be stored.</summary>
    public (string Column, string Reason)? Check(UsageRow row)
    {
        if (row.OccurredAt < UsageLimits.Earliest)
        {
            return (UsageCsv.Timestamp,
                $"{row.OccurredAt:yyyy-MM-ddTHH:mm:ssZ} is before {UsageLimits.Earliest:yyyy-MM-dd}: check the source's clock or the column read as the time");
        }
        if (row.OccurredAt > latestAllowed)
        {
            return (UsageCsv.Timestamp, $"{row.OccurredAt:yyyy-MM-ddTHH:mm:ssZ} is in the future");
        }
        var tooLong = UsageLimits.TooLong(UsageCsv.Provider, row.Provider, UsageLimits.ProviderLength)
            ?? UsageLimits.TooLong(UsageCsv.Model, row.Model, UsageLimits.NameLength)
            ?? UsageLimits.TooLong(UsageCsv.Team, row.Team, UsageLimits.NameLength)
            ?? UsageLimits.TooLong(UsageCsv.Project, row.Project, UsageLimits.NameLength)
            ?? UsageLimits.TooLong(UsageCsv.Application, row.Application, UsageLimits.NameLength);
        if (tooLong is not null)
        {
            return tooLong;
        }
        var ceiling = options.MaxTokensPerRow;
        foreach (var (column, count) in new[]
                 {
                     (UsageCsv.InputTokens, row.InputTokens), (UsageCsv.OutputTokens, row.OutputTokens), (UsageCsv.CachedTokens, row.CachedInputTokens),
                     (UsageCsv.CacheWrite5mTokens, row.CacheWrite5mTokens), (UsageCsv.CacheWrite1hTokens, row.CacheWrite1hTokens),
                     (UsageCsv.ReasoningTokens, row.ReasoningTokens), (UsageCsv.Requests, row.Requests),
                 })
        {
            if (count < 0)
            {
                return (column, $"{count} is negative");
            }
            if (count > ceiling)
            {
                return (column, $"{count.ToString("N0", CultureInfo.InvariantCulture)} is over the limit of " +
                    $"{ceiling.ToString("N0", CultureInfo.InvariantCulture)} a row (Ingestion:MaxTokensPerRow)");
            }
        }
        if (UsageLimits.Sum(row.CachedInputTokens, row.CacheWrite5mTokens, row.CacheWrite1hTokens) > row.InputTokens)
        {
            return (UsageCsv.CachedTokens, $"cached reads and cache writes exceed input_tokens {row.InputTokens} (they are part of the input)");
        }
        if (row.ReasoningTokens > row.OutputTokens)
        {
            return (UsageCsv.ReasoningTokens, $"{row.ReasoningTokens} exceeds output_tokens {row.OutputTokens} (reasoning tokens are part of the output)");
        }
        if (row.ComputeSeconds is < 0 or > MaxComputeSeconds)
        {
            return (UsageCsv.ComputeSeconds, $"{row.ComputeSeconds} is not between 0 and {MaxComputeSeconds:N0} seconds");
        }
        return null;
    }

    /// <summary>A hundred years of one machine's time: more in one row is a broken number.</summary>
    private const decimal MaxComputeSeconds = 3_155_760_000m;
}
