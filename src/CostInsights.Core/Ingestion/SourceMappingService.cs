using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Ingestion;

/// <summary>Column mappings saved by name, one per source, for uploads whose columns are named their own way.</summary>
public sealed class SourceMappingService(CostInsightsDbContext db, TimeProvider time)
{
    public Task<List<SourceMapping>> ListAsync(CancellationToken cancellationToken) =>
        db.SourceMappings.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);

    /// <summary>Saves a mapping under its name (replacing one of that name); returns why it cannot be saved, or null.</summary>
    public async Task<string?> SaveAsync(string? name, string? columns, string? constants, string user, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return "Give the mapping a name of 1 to 100 characters, such as the source it is for.";
        }
        var (mapping, problem) = UsageFieldMapping.Parse(UsageFieldMapping.Lines(columns), UsageFieldMapping.Lines(constants), "Column", "Constant");
        if (mapping is null)
        {
            return problem;
        }
        if ((columns?.Length ?? 0) > 2000 || (constants?.Length ?? 0) > 2000)
        {
            return "A mapping holds at most 2,000 characters of columns and of constants.";
        }
        var saved = await db.SourceMappings.SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (saved is null)
        {
            saved = new SourceMapping { Name = name, Columns = "", Constants = "", UpdatedBy = user };
            db.SourceMappings.Add(saved);
        }
        saved.Columns = string.Join('\n', UsageFieldMapping.Lines(columns));
        saved.Constants = string.Join('\n', UsageFieldMapping.Lines(constants));
        saved.UpdatedBy = user;
        saved.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public Task<int> DeleteAsync(int id, CancellationToken cancellationToken) =>
        db.SourceMappings.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The saved mapping of this name, ready to rewrite an upload; null when there is none.</summary>
    public async Task<UsageFieldMapping?> FindAsync(string name, CancellationToken cancellationToken) =>
        await db.SourceMappings.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name, cancellationToken) is { } saved
            ? UsageFieldMapping.Parse(UsageFieldMapping.Lines(saved.Columns), UsageFieldMapping.Lines(saved.Constants)).Mapping
            : null;
}
