namespace CostInsights.Core.Users;

/// <summary>
/// A key for the API, scoped to read or to write. Only a hash of its secret is kept: the key is
/// shown once, when it is made.
/// </summary>
public sealed class ApiKey
{
    public const string Read = "read";
    public const string Write = "write";

    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's public part, which finds it; the secret after it is checked against <see cref="SecretHash"/>.</summary>
    public required string Prefix { get; set; }
    /// <summary>SHA-256 of the whole key, hex.</summary>
    public required string SecretHash { get; set; }
    public required string Scope { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
