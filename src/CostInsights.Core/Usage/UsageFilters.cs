using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Usage;

/// <summary>A <see cref="UsageFilter"/> applied to records or to rollups, in SQL.</summary>
public static class UsageFilters
{
    public static IQueryable<UsageRecord> Matching(this IQueryable<UsageRecord> records, UsageFilter f)
    {
        var query = records.Where(r => r.OccurredAt >= f.From && r.OccurredAt < f.To);
        if (f.Provider is { } provider) query = query.Where(r => r.Provider == provider);
        if (f.Model is { } model) query = query.Where(r => r.Model == model);
        if (f.Team is { } team) query = query.Where(r => r.Team == team);
        if (f.Project is { } project) query = query.Where(r => r.Project == project);
        if (f.Application is { } application) query = query.Where(r => r.Application == application);
        if (f.Tag is { } tag)
        {
            var pattern = UsageTags.Pattern(tag);
            query = query.Where(r => r.Tags != null && EF.Functions.Like(r.Tags, pattern, SqlLike.EscapeCharacter));
        }
        return query;
    }

    /// <summary>Rollups whose period starts in the filter's, of its provider, model and team; the filter must not need records.</summary>
    public static IQueryable<T> Matching<T>(this IQueryable<T> rollups, UsageFilter f) where T : UsageRollup
    {
        if (f.NeedsRecords)
        {
            throw new ArgumentException("Rollups carry no project, application or tag.", nameof(f));
        }
        var query = rollups.Where(r => r.PeriodStart >= f.From && r.PeriodStart < f.To);
        if (f.Provider is { } provider) query = query.Where(r => r.Provider == provider);
        if (f.Model is { } model) query = query.Where(r => r.Model == model);
        if (f.Team is { } team) query = query.Where(r => r.Team == team);
        return query;
    }
}
