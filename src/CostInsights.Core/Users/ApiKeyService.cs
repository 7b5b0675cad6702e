using System.Security.Cryptography;
using System.Text;
using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Users;

/// <summary>Makes, checks and revokes API keys of the form <c>ci_PREFIX_SECRET</c>.</summary>
public sealed class ApiKeyService(CostInsightsDbContext db, TimeProvider time)
{
    private const string Marker = "ci_";

    /// <summary>A new key; the returned token is the only time its secret exists outside the caller.</summary>
    public async Task<(ApiKey Key, string Token)> CreateAsync(string name, string scope, string createdBy, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw new ArgumentException("An API key needs a name of 1 to 100 characters.", nameof(name));
        }
        if (scope is not (ApiKey.Read or ApiKey.Write))
        {
            throw new ArgumentException($"The scope must be '{ApiKey.Read}' or '{ApiKey.Write}'; it was '{scope}'.", nameof(scope));
        }
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var token = $"{Marker}{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";
        var key = new ApiKey
        {
            Name = name,
            Prefix = prefix,
            SecretHash = Hash(token),
            Scope = scope,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, token);
    }

    /// <summary>The live key this token is, or null: unknown, wrong secret or revoked.</summary>
    public async Task<ApiKey?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var parts = token.Split('_');
        if (!token.StartsWith(Marker, StringComparison.Ordinal) || parts.Length != 3 || parts[1].Length != 12)
        {
            return null;
        }
        var prefix = parts[1];
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, cancellationToken);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(key.SecretHash)))
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    public Task<int> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
